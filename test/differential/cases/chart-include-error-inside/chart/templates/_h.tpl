{{- define "boom" }}{{ .Values.no.such }}{{ end }}
