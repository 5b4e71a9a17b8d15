{{- define "greet" }}hello {{ . }}{{ end }}
{{- define "root" }}release={{ .Release.Name }}{{ end }}
{{- define "overridden" }}from-defs{{ end }}
