# Multi-stage build: compile in the Rust image, run as a non-root user in a
# slim Debian. Everything the binary needs (food table, seed recipes,
# migrations) is compiled into it.
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin kecarajocomer

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/kecarajocomer --create-home kcc
COPY --from=build /src/target/release/kecarajocomer /usr/local/bin/kecarajocomer
COPY config.toml /etc/kecarajocomer/config.toml
USER kcc
WORKDIR /var/lib/kecarajocomer
ENV KCC_WEB__LISTEN=0.0.0.0:8080 \
    KCC_DATABASE__URL=sqlite:///var/lib/kecarajocomer/kecarajocomer.db
EXPOSE 8080
VOLUME ["/var/lib/kecarajocomer"]
ENTRYPOINT ["kecarajocomer", "--config", "/etc/kecarajocomer/config.toml"]
CMD ["serve"]
