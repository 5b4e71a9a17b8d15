{{- define "where" -}}{{ .Template.Name }}|{{ .Template.BasePath }}{{- end -}}
