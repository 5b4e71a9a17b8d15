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

{{/* The per-DPU ConfigMap name prefix dpu-gitops uses: <release>-startup-<node>. */}}
{{- define "hbn.startupConfigMapPrefix" -}}
{{- printf "%s-startup-" .Release.Name -}}
{{- end -}}
