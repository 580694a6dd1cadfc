{{/* libkit.fullname: release-qualified name, cut to the 63 characters a DNS label allows. */}}
{{- define "libkit.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* libkit.labels: the standard labels every object carries. */}}
{{- define "libkit.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}
