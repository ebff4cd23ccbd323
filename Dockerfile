# syntax=docker/dockerfile:1
# One image per service, from one build:
#   docker build --target watcher           -t dnsplane/watcher .
#   docker build --target planner           -t dnsplane/planner .
#   docker build --target applier-aws       -t dnsplane/applier-aws .
#   docker build --target applier-cloudflare -t dnsplane/applier-cloudflare .
#   docker build --target applier-inmemory  -t dnsplane/applier-inmemory .
#   docker build --target applier-webhook   -t dnsplane/applier-webhook .
#   docker build --target applier-pdns      -t dnsplane/applier-pdns .
#   docker build --target applier-rfc2136   -t dnsplane/applier-rfc2136 .
# The Helm chart runs REPOSITORY/COMPONENT:TAG (values image.repository, image.tag).
# Each image holds its service's thin jar and, beside it in /app/lib, exactly its dependencies, so the
# images share their layers up to that point. They run as the non-root user 65532 and need no
# writable root filesystem (the planner's state goes to its volume, temporary files to /tmp).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
USER 65532:65532
EXPOSE 7979

FROM runtime AS watcher
COPY --from=build /src/watcher/target/lib/ /app/lib/
COPY --from=build /src/watcher/target/dnsplane-watcher.jar /app/
ENTRYPOINT ["java", "-jar", "/app/dnsplane-watcher.jar"]

FROM runtime AS planner
COPY --from=build /src/planner/target/lib/ /app/lib/
COPY --from=build /src/planner/target/dnsplane-planner.jar /app/
ENTRYPOINT ["java", "-jar", "/app/dnsplane-planner.jar"]

FROM runtime AS applier-aws
COPY --from=build /src/applier/aws/target/lib/ /app/lib/
COPY --from=build /src/applier/aws/target/dnsplane-applier-aws.jar /app/
ENTRYPOINT ["java", "-jar", "/app/dnsplane-applier-aws.jar"]

FROM runtime AS applier-cloudflare
COPY --from=build /src/applier/cloudflare/target/lib/ /app/lib/
COPY --from=build /src/applier/cloudflare/target/dnsplane-applier-cloudflare.jar /app/
ENTRYPOINT ["java", "-jar", "/app/dnsplane-applier-cloudflare.jar"]

FROM runtime AS applier-webhook
COPY --from=build /src/applier/webhook/target/lib/ /app/lib/
COPY --from=build /src/applier/webhook/target/dnsplane-applier-webhook.jar /app/
ENTRYPOINT ["java", "-jar", "/app/dnsplane-applier-webhook.jar"]

FROM runtime AS applier-pdns
COPY --from=build /src/applier/pdns/target/lib/ /app/lib/
COPY --from=build /src/applier/pdns/target/dnsplane-applier-pdns.jar /app/
ENTRYPOINT ["java", "-jar", "/app/dnsplane-applier-pdns.jar"]

FROM runtime AS applier-rfc2136
COPY --from=build /src/applier/rfc2136/target/lib/ /app/lib/
COPY --from=build /src/applier/rfc2136/target/dnsplane-applier-rfc2136.jar /app/
ENTRYPOINT ["java", "-jar", "/app/dnsplane-applier-rfc2136.jar"]

FROM runtime AS applier-inmemory
COPY --from=build /src/applier/inmemory/target/lib/ /app/lib/
COPY --from=build /src/applier/inmemory/target/dnsplane-applier-inmemory.jar /app/
EXPOSE 1053/udp 1053/tcp
ENTRYPOINT ["java", "-jar", "/app/dnsplane-applier-inmemory.jar"]
