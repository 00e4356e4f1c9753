//! The HTTP server. `run(listener, app, shutdown)` takes a bound listener so
//! tests bind `127.0.0.1:0` and pass it in.
//!
//! - `GET /healthz`: the store and each configured model provider.
//! - `POST /api/chat`: one message (or button press) of a web chat session → replies.
//! - `POST /api/chat/stream`: the same as server-sent events (`delta`, `reply`, `done`).

mod chat;

use crate::app::App;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use std::future::Future;
use tokio::net::TcpListener;

/// The routes of the service.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/chat", post(chat::chat))
        .route("/api/chat/stream", post(chat::chat_stream))
        .with_state(app)
}

/// Serves until `shutdown` completes.
pub async fn run(
    listener: TcpListener,
    app: App,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Reports whether the store answers (503 when not) and which model
/// providers are configured, in the order they are tried.
async fn healthz(State(app): State<App>) -> impl IntoResponse {
    let store = app.kitchen.store.ping().await;
    let backend = app.kitchen.store.backend().name();
    let (status, store_json) = match store {
        Ok(()) => (StatusCode::OK, json!({"backend": backend, "ok": true})),
        Err(e) => {
            tracing::warn!(error = %e, "health check: store down");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                json!({"backend": backend, "ok": false, "error": e.to_string()}),
            )
        }
    };
    let llm = &app.config.llm;
    let providers: Vec<serde_json::Value> = app
        .engine
        .provider_names()
        .iter()
        .map(|name| {
            let p = match name.as_str() {
                "anthropic" => &llm.anthropic,
                "gemini" => &llm.gemini,
                _ => &llm.openai,
            };
            json!({"name": name, "model": p.model, "base_url": p.base_url, "key_configured": !p.api_key.is_empty()})
        })
        .collect();
    let overall = if status == StatusCode::OK {
        "ok"
    } else {
        "degraded"
    };
    (
        status,
        Json(json!({
            "status": overall,
            "store": store_json,
            "providers": providers,
            "understanding": {"chain": app.engine.provider_names(), "fallback": "offline"},
        })),
    )
}
