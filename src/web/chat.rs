//! The web chat API: a session id stands for the chat and its person.

use crate::app::App;
use crate::engine::Reply;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use futures_util::stream::Stream;
use kecarajocomer_channel::{ChannelName, ChatRef, Content, Inbound, Sender};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::convert::Infallible;

/// A message from a web chat session.
#[derive(Debug, Deserialize)]
pub struct ChatRequest {
    /// The session: 1 to 128 letters, digits, `-` or `_`.
    pub session: String,
    pub text: Option<String>,
    /// The data of a pressed button.
    pub button: Option<String>,
    /// A client id for the message; a resend with the same id is ignored.
    pub message_id: Option<String>,
    /// How to call the person.
    pub name: Option<String>,
}

/// The replies to a message.
#[derive(Debug, Serialize)]
pub struct ChatResponse {
    pub replies: Vec<Reply>,
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({"error": message}))).into_response()
}

/// Checks a request and turns it into the engine's inbound message.
#[allow(clippy::result_large_err)] // the error is the response itself
fn inbound(req: ChatRequest) -> Result<Inbound, Response> {
    let session_ok = (1..=128).contains(&req.session.len())
        && req
            .session
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !session_ok {
        return Err(bad_request(
            "session must be 1 to 128 letters, digits, - or _",
        ));
    }
    let content = match (req.text, req.button) {
        (Some(text), None) if !text.trim().is_empty() => Content::Text { text },
        (None, Some(data)) if !data.is_empty() && data.len() <= 64 => Content::Button { data },
        _ => {
            return Err(bad_request(
                "send either a non-empty \"text\" or a \"button\" (at most 64 bytes)",
            ));
        }
    };
    Ok(Inbound {
        chat: ChatRef {
            channel: ChannelName("web".into()),
            chat_id: req.session.clone(),
        },
        sender: Sender {
            platform_user_id: req.session,
            display_name: req.name,
        },
        content,
        platform_message_id: req.message_id,
        reply_to: None,
    })
}

fn failed(e: crate::services::ServiceError) -> Response {
    if e.is_user_error() {
        return bad_request(&e.to_string());
    }
    tracing::error!(error = %e, "chat message failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(json!({"error": "something went wrong on our side; try again"})),
    )
        .into_response()
}

/// `POST /api/chat`: replies as JSON.
pub async fn chat(State(app): State<App>, Json(req): Json<ChatRequest>) -> Response {
    let inbound = match inbound(req) {
        Ok(i) => i,
        Err(r) => return r,
    };
    match app.engine.handle(&inbound, Utc::now()).await {
        Ok(replies) => Json(ChatResponse { replies }).into_response(),
        Err(e) => failed(e),
    }
}

/// `POST /api/chat/stream`: `delta` events while a model writes, one
/// `reply` event per reply, then `done` (or `error`).
pub async fn chat_stream(State(app): State<App>, Json(req): Json<ChatRequest>) -> Response {
    let inbound = match inbound(req) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<Event>();
    tokio::spawn(async move {
        let delta_tx = tx.clone();
        let mut on_text = move |t: &str| {
            let _ = delta_tx.send(Event::default().event("delta").data(t));
        };
        match app
            .engine
            .handle_streaming(&inbound, Utc::now(), &mut on_text)
            .await
        {
            Ok(replies) => {
                for r in replies {
                    let data = serde_json::to_string(&r).unwrap_or_default();
                    let _ = tx.send(Event::default().event("reply").data(data));
                }
                let _ = tx.send(Event::default().event("done").data("{}"));
            }
            Err(e) => {
                let message = if e.is_user_error() {
                    e.to_string()
                } else {
                    "something went wrong on our side; try again".into()
                };
                let _ = tx.send(
                    Event::default()
                        .event("error")
                        .data(json!({"error": message}).to_string()),
                );
            }
        }
    });
    Sse::new(events(rx))
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn events(
    mut rx: tokio::sync::mpsc::UnboundedReceiver<Event>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx).map(|e| e.map(Ok)))
}
