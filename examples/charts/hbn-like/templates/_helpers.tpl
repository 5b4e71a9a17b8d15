{{/* Every object is named after the release, as the DPF contract requires. */}}
{{- define "hbn.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "hbn.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The startup shard name prefix dpu-gitops uses: shard i is <release>-startup-<i>. */}}
{{- define "hbn.startupConfigMapPrefix" -}}
{{- printf "%s-startup-" .Release.Name -}}
{{- end -}}

{{/* How many shards dpu-gitops emits: the same value generate reads (1..4096). */}}
{{- define "hbn.startupShards" -}}
{{- $n := int .Values.startupConfig.shards -}}
{{- if or (lt $n 1) (gt $n 4096) -}}
{{- fail (printf "startupConfig.shards must be 1..4096, not %v" .Values.startupConfig.shards) -}}
{{- end -}}
{{- $n -}}
{{- end -}}
