{{- define "show" -}}
dot={{ .name }} root={{ $.name }}
{{- $v := "inner" }} v={{ $v }}
{{- end -}}
{{- define "nested" -}}
[{{ template "show" . }}]
{{- end -}}
