{{- define "helper" -}}helper({{ .Values.name }}){{- end -}}
