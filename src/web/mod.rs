//! The HTTP server. `run(listener, app, shutdown)` takes a bound listener so
//! tests bind `127.0.0.1:0` and pass it in.

use crate::app::App;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::future::Future;
use tokio::net::TcpListener;

/// The routes of the service.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
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

/// Reports whether the store answers; 503 when it does not.
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
    let overall = if status == StatusCode::OK {
        "ok"
    } else {
        "degraded"
    };
    (
        status,
        Json(json!({"status": overall, "store": store_json})),
    )
}
