{{- /* A function-heavy template: the sprig and helm calls real charts make most. */ -}}
{{- $root := . -}}
{{- range $i, $svc := .Values.services }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ printf "%s-%s" $root.Release.Name $svc.name | trunc 63 | trimSuffix "-" | lower }}
  labels:
    {{- toYaml (merge (dict "app" $svc.name "index" (toString $i)) $root.Values.commonLabels) | nindent 4 }}
  annotations:
    checksum/config: {{ toJson $svc | sha256sum | trunc 16 }}
    note: {{ $svc.description | default "none" | replace " " "_" | upper | quote }}
data:
  port: {{ add $svc.port 1000 | quote }}
  hosts: {{ join "," (uniq (sortAlpha $svc.hosts)) | quote }}
  version-ok: {{ semverCompare ">=1.2.0-0" $svc.version | quote }}
  cleaned: {{ regexReplaceAll "[^a-z0-9-]" (lower $svc.name) "-" | quote }}
  encoded: {{ $svc.name | b64enc | quote }}
  weights: {{ list 1 2 3 | toJson | quote }}
  {{- with $svc.extra }}
  extra: |
    {{- toYaml . | nindent 4 }}
  {{- end }}
  tpl: {{ tpl "{{ .Release.Name }}-{{ .Values.suffix }}" $root | quote }}
{{- end }}
