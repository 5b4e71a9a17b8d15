{{- define "lib.name" }}libname{{ end }}
