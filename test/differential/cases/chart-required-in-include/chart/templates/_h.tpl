{{- define "req" }}{{ required "need .Values.x" .Values.x }}{{ end }}
