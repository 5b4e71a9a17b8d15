{{- define "shared.name" -}}from-parent{{- end -}}
{{- define "parent.only" -}}parent-only{{- end -}}
