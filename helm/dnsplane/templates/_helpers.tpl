{{/* Names, as Helm's own scaffold makes them. */}}
{{- define "dnsplane.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "dnsplane.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "dnsplane.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "dnsplane.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "watcher") */}}
{{- define "dnsplane.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dnsplane.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "dnsplane.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.repository .image (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{/* The watcher's cluster id: watcher.clusterId, else txtOwnerId, else the release name. */}}
{{- define "dnsplane.clusterId" -}}
{{- default (default .Release.Name .Values.txtOwnerId) .Values.watcher.clusterId -}}
{{- end -}}

{{/*
ExternalDNS-style extraArgs routed to one component: every --flag[=value] whose name the component
knows (flags.yaml, checked against each service's own flags by the chart test).
(dict "root" $ "component" "watcher"|"planner"|"applier" ["provider" NAME])
*/}}
{{- define "dnsplane.routedArgs" -}}
{{- $flags := .root.Files.Get "flags.yaml" | fromYaml -}}
{{- $known := get $flags .component -}}
{{- if .provider }}{{ $known = concat $known (get $flags.providers .provider | default list) }}{{ end -}}
{{- range .root.Values.extraArgs -}}
{{- $name := regexReplaceAll "=.*$" (toString .) "" -}}
{{- if has $name $known }}
- {{ toString . | quote }}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Every flag some dnsplane component takes. */}}
{{- define "dnsplane.allFlags" -}}
{{- $flags := .Files.Get "flags.yaml" | fromYaml -}}
{{- $all := concat $flags.watcher $flags.planner $flags.applier -}}
{{- range $p, $f := $flags.providers }}{{ $all = concat $all $f }}{{ end -}}
{{- toYaml (dict "flags" $all) -}}
{{- end -}}

{{/* Fails on an extraArgs flag no component knows, naming it. */}}
{{- define "dnsplane.checkExtraArgs" -}}
{{- $flags := .Files.Get "flags.yaml" | fromYaml -}}
{{- $all := (include "dnsplane.allFlags" . | fromYaml).flags -}}
{{- range .Values.extraArgs -}}
{{- $name := regexReplaceAll "=.*$" (toString .) "" -}}
{{- if not (hasPrefix "--" $name) -}}
{{- fail (printf "extraArgs: %q is not a --flag[=value]" (toString .)) -}}
{{- end -}}
{{- if not (or (has $name $all) (hasKey $flags.notNeeded (trimPrefix "--" $name))) -}}
{{- fail (printf "extraArgs: no dnsplane component knows %s (helm/dnsplane/flags.yaml lists the flags each one takes)" $name) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.txtPrefix .Values.txtSuffix -}}
{{- fail "txtPrefix and txtSuffix exclude each other, as in ExternalDNS: set one" -}}
{{- end -}}
{{- end -}}

{{/* How every component reaches Kafka. */}}
{{- define "dnsplane.kafkaArgs" -}}
{{- if not .Values.kafka.bootstrapServers -}}
{{- fail "kafka.bootstrapServers is required: the Kafka bootstrap servers of your cluster" -}}
{{- end }}
- --kafka-bootstrap-servers={{ .Values.kafka.bootstrapServers }}
{{- range $k, $v := .Values.kafka.properties }}
- --kafka-property={{ $k }}={{ $v }}
{{- end }}
{{- if .Values.kafka.existingSecret }}
- --kafka-config=/etc/dnsplane/kafka/client.properties
{{- end }}
{{- end -}}

{{/* The schema registry, when one is set. */}}
{{- define "dnsplane.registryArgs" -}}
{{- with .Values.schemaRegistry }}
{{- if .url }}
- --schema-registry-url={{ .url }}
{{- if not .autoRegister }}
- --no-auto-register
{{- end }}
{{- range $k, $v := .properties }}
- --schema-registry-property={{ $k }}={{ $v }}
{{- end }}
{{- if .basicAuthSecret.name }}
- --schema-registry-property=basic.auth.credentials.source=USER_INFO
- --schema-registry-property=basic.auth.user.info=$(DNSPLANE_SCHEMA_REGISTRY_USER_INFO)
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The Secret-held environment the registry's basic auth needs (Kubernetes expands it into the args). */}}
{{- define "dnsplane.registryEnv" -}}
{{- with .Values.schemaRegistry }}
{{- if and .url .basicAuthSecret.name }}
- name: DNSPLANE_SCHEMA_REGISTRY_USER_INFO
  valueFrom:
    secretKeyRef:
      name: {{ .basicAuthSecret.name }}
      key: {{ .basicAuthSecret.key }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Flags every service takes: Kafka, the schema registry, logging, metrics. */}}
{{- define "dnsplane.commonArgs" -}}
{{- include "dnsplane.kafkaArgs" . }}
{{- include "dnsplane.registryArgs" . }}
- --log-level={{ .Values.logLevel }}
- --log-format={{ .Values.logFormat }}
- --metrics-address=:{{ .Values.service.port }}
{{- end -}}

{{/*
One component's pod template.
(dict "root" $ "component" NAME "image" IMAGE "args" LIST "env" LIST "serviceAccount" NAME
      "resources" MAP "volumes" LIST "volumeMounts" LIST)
*/}}
{{- define "dnsplane.podTemplate" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
metadata:
  labels:
    {{- include "dnsplane.selectorLabels" . | nindent 4 }}
    {{- with $v.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    {{- if $v.metrics.podAnnotations }}
    prometheus.io/scrape: "true"
    prometheus.io/port: {{ $v.service.port | quote }}
    prometheus.io/path: /metrics
    {{- end }}
    {{- with $v.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ .serviceAccount }}
  automountServiceAccountToken: {{ ternary $v.serviceAccount.automountServiceAccountToken false (eq .component "watcher") }}
  {{- with $v.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.podSecurityContext }}
  securityContext:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
  {{- with $v.dnsPolicy }}
  dnsPolicy: {{ . }}
  {{- end }}
  {{- with $v.dnsConfig }}
  dnsConfig:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ .component }}
      image: {{ include "dnsplane.image" (dict "root" $root "image" .image) }}
      imagePullPolicy: {{ $v.image.pullPolicy }}
      args:
        {{- .args | trim | nindent 8 }}
      {{- $env := concat ((include "dnsplane.registryEnv" $root | fromYamlArray) | default list) (.env | default list) }}
      {{- with $env }}
      env:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      ports:
        - name: http
          containerPort: {{ $v.service.port }}
          protocol: TCP
      {{- with $v.livenessProbe }}
      livenessProbe:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.readinessProbe }}
      readinessProbe:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.securityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with (default $v.resources .resources) }}
      resources:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        {{- if $v.kafka.existingSecret }}
        - name: kafka-client
          mountPath: /etc/dnsplane/kafka
          readOnly: true
        {{- end }}
        {{- with .volumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- with $v.extraVolumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    {{- with .sidecars }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  volumes:
    - name: tmp
      emptyDir: {}
    {{- if $v.kafka.existingSecret }}
    - name: kafka-client
      secret:
        secretName: {{ $v.kafka.existingSecret }}
    {{- end }}
    {{- with .volumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- with $v.extraVolumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with $v.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{/* The appliers to render: `appliers`, else one for provider.name with ExternalDNS's env and ServiceAccount. */}}
{{- define "dnsplane.appliers" -}}
{{- $list := list -}}
{{- if .Values.appliers -}}
{{- $list = .Values.appliers -}}
{{- else if .Values.provider.name -}}
{{- $list = list (dict "name" .Values.provider.name "provider" .Values.provider.name "replicas" 1 "serviceAccount" (dict "annotations" .Values.serviceAccount.annotations)) -}}
{{- end -}}
{{- toYaml (dict "appliers" $list) -}}
{{- end -}}
