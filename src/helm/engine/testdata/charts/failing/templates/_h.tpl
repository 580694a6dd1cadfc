{{ define "h" }}
{{ .Values.a.b.c }}{{ end }}{{ define "g" }}{{ include "h" . }}{{ end }}{{ define "f" }}{{ fail "boom in f" }}{{ end }}
{{- define "self" }}{{ include "self" . }}{{ end }}
