# syntax=docker/dockerfile:1
# Build a static briefbot (pure Go: modernc SQLite, pgx; CGO off) and ship it
# in a minimal, non-root image with CA certificates for HTTPS feeds.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/briefbot ./cmd/briefbot
# An empty /data owned by the runtime user, for the SQLite volume.
RUN mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/briefbot /usr/local/bin/briefbot
COPY --from=build --chown=65532:65532 /out/data /data
# Defaults that work with no config file: SQLite on the volume, HTTP on all
# interfaces inside the container. A config file can be mounted and passed
# with --config; secrets come from BRIEFBOT_* variables.
ENV BRIEFBOT_STORE_DSN=/data/briefbot.db \
    BRIEFBOT_HTTP_LISTEN=0.0.0.0:8080
VOLUME ["/data"]
EXPOSE 8080
USER 65532:65532
WORKDIR /data
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["/usr/local/bin/briefbot", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/briefbot"]
CMD ["run"]
