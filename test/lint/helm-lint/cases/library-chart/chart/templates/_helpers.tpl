apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Values.name }}
data:
  replicas: {{ .Values.replicas | quote }}
