#!/bin/sh
# Builds the container images of the four services with Jib, from the repository root, in one
# Maven run. Jib needs no Docker daemon to push to a registry; it does need to pull the base image.
#
#   AGENTRY_IMAGE_REGISTRY=registry.example.com deploy/build-images.sh
#
# Environment:
#   AGENTRY_IMAGE_REGISTRY  registry to push to (required unless AGENTRY_IMAGE_PUSH=false)
#   AGENTRY_IMAGE_GROUP     repository prefix, default "agentry" -> <registry>/agentry/gateway
#   AGENTRY_IMAGE_TAG       tag, default the project version
#   AGENTRY_IMAGE_PUSH      "true" (default) pushes; "false" loads into a local Docker daemon instead
#   AGENTRY_BASE_JVM_IMAGE  base image; default Quarkus' choice for Java 17, the UBI 9 OpenJDK 17
#                           runtime, which runs as user 185 and sizes the JVM with run-java.sh
#   AGENTRY_IMAGE_PLATFORMS for example linux/amd64,linux/arm64 (default: the base image's)
# Other arguments go to Maven, e.g. -Dquarkus.container-image.username=... -Dquarkus.container-image.password=...
#
# Every image: user 185 (non-root; the manifests also enforce it), working directory /home/jboss,
# the service's HTTP port exposed, health and metrics on Quarkus' management interface (port 9000,
# which no Service or Ingress routes), a heap of 75% of the container's memory limit, OCI labels.
# The applications are built into target/image-app, so the local ones (target/quarkus-app, health
# on the service ports, as ./agentry and the tests expect) stay as they are.
set -eu
cd "$(dirname "$0")/.."

push="${AGENTRY_IMAGE_PUSH:-true}"
if [ "$push" = true ] && [ -z "${AGENTRY_IMAGE_REGISTRY:-}" ]; then
  echo "Set AGENTRY_IMAGE_REGISTRY to push the images, or AGENTRY_IMAGE_PUSH=false to load them into a local Docker daemon." >&2
  exit 2
fi

if [ -n "${AGENTRY_IMAGE_REGISTRY:-}" ]; then
  set -- "-Dquarkus.container-image.registry=$AGENTRY_IMAGE_REGISTRY" "$@"
fi
if [ -n "${AGENTRY_IMAGE_TAG:-}" ]; then
  set -- "-Dquarkus.container-image.tag=$AGENTRY_IMAGE_TAG" "$@"
fi
if [ -n "${AGENTRY_BASE_JVM_IMAGE:-}" ]; then
  set -- "-Dquarkus.jib.base-jvm-image=$AGENTRY_BASE_JVM_IMAGE" "$@"
fi
if [ -n "${AGENTRY_IMAGE_PLATFORMS:-}" ]; then
  set -- "-Dquarkus.jib.platforms=$AGENTRY_IMAGE_PLATFORMS" "$@"
fi

exec mvn -B package -DskipTests -Dspotless.check.skip=true \
  -pl gateway,registry-service,results-service,executor-service -am \
  -Dquarkus.container-image.build=true \
  -Dquarkus.management.enabled=true \
  -Dquarkus.package.output-directory=image-app \
  "-Dquarkus.container-image.push=$push" \
  "-Dquarkus.container-image.group=${AGENTRY_IMAGE_GROUP:-agentry}" \
  -Dquarkus.jib.user=185 \
  -Dquarkus.jib.working-directory=/home/jboss \
  -Dquarkus.jib.jvm-additional-arguments=-XX:MaxRAMPercentage=75 \
  '-Dquarkus.container-image.labels."org.opencontainers.image.title"=${quarkus.application.name}' \
  '-Dquarkus.container-image.labels."org.opencontainers.image.version"=${quarkus.application.version}' \
  '-Dquarkus.container-image.labels."org.opencontainers.image.vendor"=Agentry' \
  "$@"
