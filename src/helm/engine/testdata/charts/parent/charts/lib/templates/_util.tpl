{{- define "lib.labels" -}}
app: {{ .Chart.Name }}
release: {{ .Release.Name }}
{{- end -}}
{{- define "shared.name" -}}lib-version{{- end -}}
