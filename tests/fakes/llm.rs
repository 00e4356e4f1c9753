//! Fake language-model servers speaking the real wire formats (see
//! `/work/shared/PROTOCOLS.md` §1–3): Anthropic Messages, Gemini
//! generateContent / streamGenerateContent, OpenAI-compatible chat
//! completions. Each fake listens on `127.0.0.1:0`, records every request,
//! checks what the real service checks (API key, paths, tool-result
//! ordering, Gemini thought signatures, Gemini's schema subset…) and
//! answers from a script, as JSON or SSE depending on what the client asked.
#![allow(dead_code)]

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet, VecDeque};
use std::convert::Infallible;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// The key every fake expects (unless started keyless).
pub const API_KEY: &str = "sk-test-5ecret-key";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wire {
    Anthropic,
    Gemini,
    OpenAi,
}

/// One request a fake received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A tool call the fake model makes; `fragments` concatenated are its
/// arguments (streamed one by one where the protocol allows).
#[derive(Debug, Clone)]
pub struct FakeCall {
    pub id: Option<String>,
    pub name: String,
    pub fragments: Vec<String>,
    /// Gemini: a `thoughtSignature` next to the `functionCall`.
    pub thought_signature: Option<String>,
}

impl FakeCall {
    pub fn new(id: &str, name: &str, args: Value) -> FakeCall {
        FakeCall {
            id: Some(id.to_string()),
            name: name.to_string(),
            fragments: vec![args.to_string()],
            thought_signature: None,
        }
    }

    pub fn fragments(id: &str, name: &str, fragments: &[&str]) -> FakeCall {
        FakeCall {
            id: Some(id.to_string()),
            name: name.to_string(),
            fragments: fragments.iter().map(|f| f.to_string()).collect(),
            thought_signature: None,
        }
    }

    pub fn without_id(mut self) -> FakeCall {
        self.id = None;
        self
    }

    pub fn signed(mut self, signature: &str) -> FakeCall {
        self.thought_signature = Some(signature.to_string());
        self
    }

    pub fn arguments(&self) -> String {
        self.fragments.concat()
    }

    fn args_object(&self) -> Value {
        serde_json::from_str(&self.arguments()).unwrap_or_else(|_| json!({}))
    }
}

/// What the fake model says.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    /// Text, streamed piece by piece.
    pub text: Vec<String>,
    pub calls: Vec<FakeCall>,
    /// The provider's own stop / finish reason; a sensible default if None.
    pub stop: Option<String>,
    pub usage: (u64, u64),
    /// SSE framed with CRLF instead of LF.
    pub crlf: bool,
    /// Anthropic: `ping` events and an unknown event type sprinkled in.
    pub noise: bool,
    /// OpenAI: Ollama style, each call whole in its own chunk at index 0.
    pub ollama: bool,
    /// Anthropic: an `event: error` with this error object after the
    /// content started (the last tool call is left open).
    pub error_mid_stream: Option<Value>,
    /// Gemini: an empty text part carrying this `thoughtSignature` at the end.
    pub text_signature: Option<String>,
}

impl Answer {
    pub fn text(pieces: &[&str]) -> Answer {
        Answer {
            text: pieces.iter().map(|p| p.to_string()).collect(),
            usage: (21, 7),
            ..Answer::default()
        }
    }

    pub fn calls(text: &[&str], calls: Vec<FakeCall>) -> Answer {
        Answer {
            calls,
            ..Answer::text(text)
        }
    }

    fn joined(&self) -> String {
        self.text.concat()
    }
}

/// One scripted reply.
#[derive(Debug, Clone)]
pub enum Script {
    Answer(Answer),
    /// An HTTP error with these headers and JSON body.
    Error {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Value,
    },
    /// Any body, as is.
    Raw {
        status: u16,
        content_type: &'static str,
        body: String,
    },
    /// Waits before answering.
    Delay(Duration, Box<Script>),
}

impl Script {
    pub fn error(status: u16, body: Value) -> Script {
        Script::Error {
            status,
            headers: Vec::new(),
            body,
        }
    }

    pub fn error_with(status: u16, headers: &[(&'static str, &str)], body: Value) -> Script {
        Script::Error {
            status,
            headers: headers.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            body,
        }
    }
}

struct Shared {
    wire: Wire,
    require_key: bool,
    scripts: Mutex<VecDeque<Script>>,
    requests: Mutex<Vec<Recorded>>,
    /// Gemini: signatures handed out, by function name.
    signatures: Mutex<HashMap<String, HashSet<String>>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A running fake.
pub struct FakeLlm {
    /// What the provider is configured with (`…/v1` for OpenAI).
    pub base_url: String,
    shared: Arc<Shared>,
}

impl FakeLlm {
    /// A fake that requires [`API_KEY`].
    pub async fn start(wire: Wire, scripts: Vec<Script>) -> FakeLlm {
        FakeLlm::spawn(wire, scripts, true).await
    }

    /// A fake that ignores keys, like Ollama.
    pub async fn keyless(wire: Wire, scripts: Vec<Script>) -> FakeLlm {
        FakeLlm::spawn(wire, scripts, false).await
    }

    async fn spawn(wire: Wire, scripts: Vec<Script>, require_key: bool) -> FakeLlm {
        let shared = Arc::new(Shared {
            wire,
            require_key,
            scripts: Mutex::new(scripts.into()),
            requests: Mutex::new(Vec::new()),
            signatures: Mutex::new(HashMap::new()),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a local port");
        let addr = listener.local_addr().expect("local address");
        let app = Router::new().fallback(handle).with_state(shared.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        let base_url = match wire {
            Wire::OpenAi => format!("http://{addr}/v1"),
            Wire::Anthropic | Wire::Gemini => format!("http://{addr}"),
        };
        FakeLlm { base_url, shared }
    }

    /// Adds replies to the script.
    pub fn push(&self, script: Script) {
        lock(&self.shared.scripts).push_back(script);
    }

    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.shared.requests).clone()
    }

    pub fn count(&self) -> usize {
        lock(&self.shared.requests).len()
    }

    pub fn last(&self) -> Recorded {
        lock(&self.shared.requests)
            .last()
            .cloned()
            .expect("the fake got a request")
    }
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let recorded = Recorded {
        method: method.to_string(),
        path: uri.path().to_string(),
        query: uri.query().unwrap_or("").to_string(),
        headers,
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
    };
    lock(&shared.requests).push(recorded.clone());
    let checked = match shared.wire {
        Wire::Anthropic => check_anthropic(&shared, &recorded),
        Wire::Gemini => check_gemini(&shared, &recorded),
        Wire::OpenAi => check_openai(&shared, &recorded),
    };
    let streamed = match checked {
        Ok(streamed) => streamed,
        Err(rejection) => return *rejection,
    };
    let Some(script) = lock(&shared.scripts).pop_front() else {
        return json_response(
            500,
            &[],
            json!({"error": {"message": "fake: script exhausted"}}),
        );
    };
    let model = recorded
        .body
        .get("model")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| gemini_model(&recorded.path));
    let mut script = script;
    loop {
        match script {
            Script::Delay(wait, inner) => {
                tokio::time::sleep(wait).await;
                script = *inner;
            }
            Script::Error {
                status,
                headers,
                body,
            } => {
                let headers: Vec<(&str, &str)> =
                    headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
                return json_response(status, &headers, body);
            }
            Script::Raw {
                status,
                content_type,
                body,
            } => return raw_response(status, content_type, Body::from(body)),
            Script::Answer(answer) => {
                return render(&shared, &recorded, &model, streamed, &answer);
            }
        }
    }
}

fn render(
    shared: &Shared,
    recorded: &Recorded,
    model: &str,
    streamed: bool,
    answer: &Answer,
) -> Response {
    match (shared.wire, streamed) {
        (Wire::Anthropic, false) => json_response(200, &[], anthropic_json(answer, model)),
        (Wire::Anthropic, true) => sse_response(anthropic_sse(answer, model)),
        (Wire::Gemini, false) => {
            remember_signatures(shared, answer);
            json_response(200, &[], gemini_json(answer, model))
        }
        (Wire::Gemini, true) => {
            remember_signatures(shared, answer);
            sse_response(gemini_sse(answer, model))
        }
        (Wire::OpenAi, false) => json_response(200, &[], openai_json(answer, model)),
        (Wire::OpenAi, true) => {
            let usage = recorded
                .body
                .pointer("/stream_options/include_usage")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            sse_response(openai_sse(answer, model, usage))
        }
    }
}

fn raw_response(status: u16, content_type: &str, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert("content-type", value);
    }
    response
}

fn json_response(status: u16, headers: &[(&str, &str)], body: Value) -> Response {
    let mut response = raw_response(status, "application/json", Body::from(body.to_string()));
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (
            axum::http::HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

/// Frames sent as body chunks, each cut in two to split events (and
/// lines) across reads.
fn sse_response(frames: Vec<String>) -> Response {
    let mut pieces: Vec<Result<Bytes, Infallible>> = Vec::new();
    for frame in frames {
        let bytes = frame.into_bytes();
        let cut = bytes.len() / 2;
        pieces.push(Ok(Bytes::copy_from_slice(&bytes[..cut])));
        pieces.push(Ok(Bytes::copy_from_slice(&bytes[cut..])));
    }
    let body = Body::from_stream(futures_util::stream::iter(pieces));
    raw_response(200, "text/event-stream", body)
}

fn frame(event: Option<&str>, data: &Value, crlf: bool) -> String {
    let nl = if crlf { "\r\n" } else { "\n" };
    match event {
        Some(event) => format!("event: {event}{nl}data: {data}{nl}{nl}"),
        None => format!("data: {data}{nl}{nl}"),
    }
}

// ---------------------------------------------------------------- Anthropic

fn anthropic_error(status: u16, kind: &str, message: &str) -> Response {
    json_response(
        status,
        &[("request-id", "req_fake")],
        json!({"type": "error", "error": {"type": kind, "message": message}, "request_id": "req_fake"}),
    )
}

/// Returns whether the client asked for a stream.
fn check_anthropic(shared: &Shared, r: &Recorded) -> Result<bool, Box<Response>> {
    if r.method != "POST" || r.path != "/v1/messages" {
        return Err(Box::new(anthropic_error(
            404,
            "not_found_error",
            "Not found",
        )));
    }
    if shared.require_key && r.header("x-api-key") != Some(API_KEY) {
        return Err(Box::new(anthropic_error(
            401,
            "authentication_error",
            "invalid x-api-key",
        )));
    }
    if r.header("anthropic-version") != Some("2023-06-01") {
        return Err(Box::new(anthropic_error(
            400,
            "invalid_request_error",
            "anthropic-version header is required",
        )));
    }
    let bad = |message: &str| anthropic_error(400, "invalid_request_error", message);
    let body = &r.body;
    if !body.get("model").is_some_and(Value::is_string)
        || !body.get("max_tokens").is_some_and(Value::is_u64)
    {
        return Err(Box::new(bad(
            "model: Field required / max_tokens: Field required",
        )));
    }
    let Some(messages) = body
        .get("messages")
        .and_then(Value::as_array)
        .filter(|m| !m.is_empty())
    else {
        return Err(Box::new(bad("messages: at least one message is required")));
    };
    if messages[0]["role"] != "user" {
        return Err(Box::new(bad(
            "messages: first message must use the \"user\" role",
        )));
    }
    for tool in body
        .get("tools")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
    {
        if tool["input_schema"]["type"] != "object" || !tool["name"].is_string() {
            return Err(Box::new(bad(
                "tools.0.input_schema: Input should be an object schema",
            )));
        }
    }
    let mut pending: Vec<String> = Vec::new();
    for (i, message) in messages.iter().enumerate() {
        let blocks: Vec<Value> = match &message["content"] {
            Value::String(_) => Vec::new(),
            Value::Array(blocks) => blocks.clone(),
            _ => {
                return Err(Box::new(bad(&format!(
                    "messages.{i}.content: Input should be a valid list"
                ))));
            }
        };
        match message["role"].as_str() {
            Some("assistant") => {
                if !pending.is_empty() {
                    return Err(Box::new(bad(
                        "tool_use ids were found without tool_result blocks immediately after",
                    )));
                }
                for block in &blocks {
                    if block["type"] == "tool_use" {
                        if !block["input"].is_object() {
                            return Err(Box::new(bad(&format!(
                                "messages.{i}.content: tool_use.input: Input should be a valid dictionary"
                            ))));
                        }
                        pending.push(block["id"].as_str().unwrap_or("").to_string());
                    }
                    if block["type"] == "text" && block["text"].as_str().is_none_or(str::is_empty) {
                        return Err(Box::new(bad("text content blocks must be non-empty")));
                    }
                }
            }
            Some("user") => {
                let mut seen_other = false;
                let mut answered = Vec::new();
                for block in &blocks {
                    if block["type"] == "tool_result" {
                        if seen_other {
                            return Err(Box::new(bad(&format!(
                                "messages.{i}: tool_result blocks must come FIRST in the content array"
                            ))));
                        }
                        let id = block["tool_use_id"].as_str().unwrap_or("").to_string();
                        if !pending.contains(&id) {
                            return Err(Box::new(bad(&format!(
                                "messages.{i}: unexpected tool_use_id found in tool_result blocks: {id}"
                            ))));
                        }
                        answered.push(id);
                    } else {
                        seen_other = true;
                    }
                }
                if pending.iter().any(|id| !answered.contains(id)) {
                    return Err(Box::new(bad(
                        "tool_use ids were found without tool_result blocks immediately after",
                    )));
                }
                pending.clear();
            }
            _ => {
                return Err(Box::new(bad(&format!(
                    "messages.{i}.role: Input should be 'user' or 'assistant'"
                ))));
            }
        }
    }
    Ok(body.get("stream").and_then(Value::as_bool).unwrap_or(false))
}

fn anthropic_json(answer: &Answer, model: &str) -> Value {
    let mut content = Vec::new();
    if !answer.joined().is_empty() {
        content.push(json!({"type": "text", "text": answer.joined()}));
    }
    for (n, call) in answer.calls.iter().enumerate() {
        content.push(json!({
            "type": "tool_use",
            "id": call.id.clone().unwrap_or_else(|| format!("toolu_fake{n}")),
            "name": call.name,
            "input": call.args_object(),
        }));
    }
    let stop = answer.stop.clone().unwrap_or_else(|| {
        if answer.calls.is_empty() {
            "end_turn"
        } else {
            "tool_use"
        }
        .to_string()
    });
    json!({
        "id": "msg_fake", "type": "message", "role": "assistant", "model": model,
        "content": content, "stop_reason": stop, "stop_sequence": null,
        "usage": {"input_tokens": answer.usage.0, "output_tokens": answer.usage.1},
    })
}

fn anthropic_sse(answer: &Answer, model: &str) -> Vec<String> {
    let crlf = answer.crlf;
    let ev = |name: &str, data: Value| frame(Some(name), &data, crlf);
    let mut frames = vec![ev(
        "message_start",
        json!({"type": "message_start", "message": {
            "id": "msg_fake", "type": "message", "role": "assistant", "model": model, "content": [],
            "stop_reason": null, "stop_sequence": null,
            "usage": {"input_tokens": answer.usage.0, "output_tokens": 1},
        }}),
    )];
    if answer.noise {
        frames.push(ev("ping", json!({"type": "ping"})));
        frames.push(": a comment line\n\n".to_string());
    }
    let mut index = 0;
    if !answer.text.is_empty() {
        frames.push(ev("content_block_start", json!({"type": "content_block_start", "index": index, "content_block": {"type": "text", "text": ""}})));
        for piece in &answer.text {
            frames.push(ev("content_block_delta", json!({"type": "content_block_delta", "index": index, "delta": {"type": "text_delta", "text": piece}})));
            if answer.noise {
                frames.push(ev("ping", json!({"type": "ping"})));
            }
        }
        frames.push(ev(
            "content_block_stop",
            json!({"type": "content_block_stop", "index": index}),
        ));
        index += 1;
    }
    if answer.noise {
        frames.push(ev("brand_new_event", json!({"type": "brand_new_event", "index": 0, "delta": {"type": "text_delta", "text": "IGNORE ME"}})));
    }
    for (n, call) in answer.calls.iter().enumerate() {
        let id = call.id.clone().unwrap_or_else(|| format!("toolu_fake{n}"));
        frames.push(ev("content_block_start", json!({"type": "content_block_start", "index": index, "content_block": {"type": "tool_use", "id": id, "name": call.name, "input": {}}})));
        for fragment in &call.fragments {
            frames.push(ev("content_block_delta", json!({"type": "content_block_delta", "index": index, "delta": {"type": "input_json_delta", "partial_json": fragment}})));
            if answer.noise {
                frames.push(ev("ping", json!({"type": "ping"})));
            }
        }
        if answer.error_mid_stream.is_some() && n + 1 == answer.calls.len() {
            break;
        }
        frames.push(ev(
            "content_block_stop",
            json!({"type": "content_block_stop", "index": index}),
        ));
        index += 1;
    }
    if let Some(error) = &answer.error_mid_stream {
        frames.push(ev("error", json!({"type": "error", "error": error})));
        return frames;
    }
    let stop = answer.stop.clone().unwrap_or_else(|| {
        if answer.calls.is_empty() {
            "end_turn"
        } else {
            "tool_use"
        }
        .to_string()
    });
    frames.push(ev("message_delta", json!({"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": null}, "usage": {"output_tokens": answer.usage.1}})));
    frames.push(ev("message_stop", json!({"type": "message_stop"})));
    frames
}

// ------------------------------------------------------------------- Gemini

fn gemini_error(code: u16, status: &str, message: &str, details: Value) -> Response {
    json_response(
        code,
        &[],
        json!({"error": {"code": code, "message": message, "status": status, "details": details}}),
    )
}

fn gemini_model(path: &str) -> String {
    path.strip_prefix("/v1beta/models/")
        .and_then(|rest| rest.split(':').next())
        .unwrap_or("")
        .to_string()
}

/// Keywords outside Gemini's schema subset: the API answers 400.
const GEMINI_UNKNOWN_SCHEMA_KEYS: &[&str] = &[
    "$schema",
    "additionalProperties",
    "title",
    "$defs",
    "$ref",
    "oneOf",
    "const",
    "default",
];

fn unknown_schema_key(schema: &Value) -> Option<String> {
    match schema {
        Value::Object(object) => {
            for (key, value) in object {
                if GEMINI_UNKNOWN_SCHEMA_KEYS.contains(&key.as_str()) {
                    return Some(key.clone());
                }
                if key == "properties" {
                    if let Some(found) = value
                        .as_object()
                        .and_then(|p| p.values().find_map(unknown_schema_key))
                    {
                        return Some(found);
                    }
                } else if let Some(found) = unknown_schema_key(value) {
                    return Some(found);
                }
            }
            None
        }
        Value::Array(items) => items.iter().find_map(unknown_schema_key),
        _ => None,
    }
}

fn check_gemini(shared: &Shared, r: &Recorded) -> Result<bool, Box<Response>> {
    let invalid = |message: &str| gemini_error(400, "INVALID_ARGUMENT", message, json!([]));
    let method = r
        .path
        .strip_prefix("/v1beta/models/")
        .and_then(|rest| rest.split_once(':'))
        .map(|(_, m)| m);
    let streamed = match method {
        Some("generateContent") => false,
        Some("streamGenerateContent") => true,
        _ => {
            return Err(Box::new(gemini_error(
                404,
                "NOT_FOUND",
                "Requested entity was not found.",
                json!([]),
            )));
        }
    };
    if r.method != "POST" {
        return Err(Box::new(gemini_error(
            405,
            "UNIMPLEMENTED",
            "Method not allowed",
            json!([]),
        )));
    }
    if streamed && !r.query.split('&').any(|p| p == "alt=sse") {
        return Err(Box::new(invalid(
            "fake: streamGenerateContent without alt=sse answers a JSON array; use alt=sse",
        )));
    }
    if shared.require_key {
        match r.header("x-goog-api-key") {
            None => {
                return Err(Box::new(gemini_error(
                    403,
                    "PERMISSION_DENIED",
                    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
                    json!([]),
                )));
            }
            Some(key) if key != API_KEY => {
                return Err(Box::new(gemini_error(
                    400,
                    "INVALID_ARGUMENT",
                    "API key not valid. Please pass a valid API key.",
                    json!([{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID", "domain": "googleapis.com"}]),
                )));
            }
            Some(_) => {}
        }
    }
    let body = &r.body;
    let Some(contents) = body
        .get("contents")
        .and_then(Value::as_array)
        .filter(|c| !c.is_empty())
    else {
        return Err(Box::new(invalid(
            "* GenerateContentRequest.contents: contents is not specified",
        )));
    };
    for (t, tool) in body
        .get("tools")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .enumerate()
    {
        for (d, declaration) in tool["functionDeclarations"]
            .as_array()
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .enumerate()
        {
            if let Some(parameters) = declaration.get("parameters")
                && let Some(key) = unknown_schema_key(parameters)
            {
                return Err(Box::new(invalid(&format!(
                    "Invalid JSON payload received. Unknown name \"{key}\" at 'tools[{t}].function_declarations[{d}].parameters': Cannot find field."
                ))));
            }
        }
    }
    let signatures = lock(&shared.signatures).clone();
    for (i, content) in contents.iter().enumerate() {
        let role = content["role"].as_str().unwrap_or("");
        if role != "user" && role != "model" {
            return Err(Box::new(invalid(&format!(
                "Please use a valid role: user, model. (contents[{i}])"
            ))));
        }
        let Some(parts) = content["parts"].as_array().filter(|p| !p.is_empty()) else {
            return Err(Box::new(invalid(&format!(
                "* GenerateContentRequest.contents[{i}].parts: contents.parts must not be empty."
            ))));
        };
        for (p, part) in parts.iter().enumerate() {
            if let Some(call) = part.get("functionCall") {
                let name = call["name"].as_str().unwrap_or("");
                if let Some(issued) = signatures.get(name) {
                    let replayed = part.get("thoughtSignature").and_then(Value::as_str);
                    if !replayed.is_some_and(|s| issued.contains(s)) {
                        return Err(Box::new(invalid(&format!(
                            "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:{name}` , position {}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.",
                            p + 1
                        ))));
                    }
                }
            }
            if let Some(response) = part.get("functionResponse")
                && !response["response"].is_object()
            {
                return Err(Box::new(invalid(&format!(
                    "Invalid value at 'contents[{i}].parts[{p}].function_response.response' (type.googleapis.com/google.protobuf.Struct)"
                ))));
            }
        }
    }
    Ok(streamed)
}

fn remember_signatures(shared: &Shared, answer: &Answer) {
    let mut signatures = lock(&shared.signatures);
    for call in &answer.calls {
        if let Some(signature) = &call.thought_signature {
            signatures
                .entry(call.name.clone())
                .or_default()
                .insert(signature.clone());
        }
    }
}

fn gemini_call_part(call: &FakeCall) -> Value {
    let mut function_call = json!({"name": call.name, "args": call.args_object()});
    if let Some(id) = &call.id {
        function_call["id"] = json!(id);
    }
    let mut part = json!({"functionCall": function_call});
    if let Some(signature) = &call.thought_signature {
        part["thoughtSignature"] = json!(signature);
    }
    part
}

fn gemini_finish(answer: &Answer) -> String {
    answer.stop.clone().unwrap_or_else(|| "STOP".to_string())
}

fn gemini_usage(answer: &Answer) -> Value {
    json!({"promptTokenCount": answer.usage.0, "candidatesTokenCount": answer.usage.1, "totalTokenCount": answer.usage.0 + answer.usage.1})
}

fn gemini_json(answer: &Answer, model: &str) -> Value {
    let mut parts = Vec::new();
    if !answer.joined().is_empty() {
        parts.push(json!({"text": answer.joined()}));
    }
    parts.extend(answer.calls.iter().map(gemini_call_part));
    if let Some(signature) = &answer.text_signature {
        parts.push(json!({"text": "", "thoughtSignature": signature}));
    }
    json!({
        "candidates": [{"content": {"role": "model", "parts": parts}, "finishReason": gemini_finish(answer), "index": 0}],
        "usageMetadata": gemini_usage(answer),
        "modelVersion": model,
        "responseId": "fake-response",
    })
}

fn gemini_sse(answer: &Answer, model: &str) -> Vec<String> {
    let mut chunks: Vec<Vec<Value>> = answer
        .text
        .iter()
        .map(|t| vec![json!({"text": t})])
        .collect();
    chunks.extend(answer.calls.iter().map(|c| vec![gemini_call_part(c)]));
    if let Some(signature) = &answer.text_signature {
        chunks.push(vec![json!({"text": "", "thoughtSignature": signature})]);
    }
    if chunks.is_empty() {
        chunks.push(vec![json!({"text": ""})]);
    }
    let last = chunks.len() - 1;
    chunks
        .into_iter()
        .enumerate()
        .map(|(n, parts)| {
            let mut candidate = json!({"content": {"role": "model", "parts": parts}, "index": 0});
            let mut usage = json!({"promptTokenCount": answer.usage.0, "totalTokenCount": answer.usage.0});
            if n == last {
                candidate["finishReason"] = json!(gemini_finish(answer));
                usage = gemini_usage(answer);
            }
            let chunk = json!({"candidates": [candidate], "usageMetadata": usage, "modelVersion": model, "responseId": "fake-response"});
            frame(None, &chunk, answer.crlf)
        })
        .collect()
}

// ------------------------------------------------------------------- OpenAI

fn openai_error(status: u16, kind: &str, message: &str) -> Response {
    json_response(
        status,
        &[],
        json!({"error": {"message": message, "type": kind, "param": null, "code": null}}),
    )
}

fn check_openai(shared: &Shared, r: &Recorded) -> Result<bool, Box<Response>> {
    if r.method != "POST" || r.path != "/v1/chat/completions" {
        return Err(Box::new(openai_error(
            404,
            "not_found_error",
            "404 page not found",
        )));
    }
    if shared.require_key && r.header("authorization") != Some(&format!("Bearer {API_KEY}")) {
        return Err(Box::new(json_response(
            401,
            &[],
            json!({"error": {"message": "Incorrect API key provided", "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}}),
        )));
    }
    let bad = |message: &str| openai_error(400, "invalid_request_error", message);
    let body = &r.body;
    if !body.get("model").is_some_and(Value::is_string) {
        return Err(Box::new(bad("model is required")));
    }
    let Some(messages) = body
        .get("messages")
        .and_then(Value::as_array)
        .filter(|m| !m.is_empty())
    else {
        return Err(Box::new(bad("messages is required")));
    };
    for tool in body
        .get("tools")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
    {
        if tool["type"] != "function" || !tool["function"]["name"].is_string() {
            return Err(Box::new(bad("tools[].type must be function")));
        }
    }
    let mut open_ids: Vec<String> = Vec::new();
    for (i, message) in messages.iter().enumerate() {
        match message["role"].as_str() {
            Some("system" | "user") => open_ids.clear(),
            Some("assistant") => {
                open_ids.clear();
                for call in message["tool_calls"]
                    .as_array()
                    .map_or(&[][..], Vec::as_slice)
                {
                    // Ollama parses the arguments of resent calls.
                    let arguments = call["function"]["arguments"].as_str().unwrap_or("");
                    if serde_json::from_str::<Value>(arguments).is_err() {
                        return Err(Box::new(bad(&format!(
                            "invalid tool call arguments in messages[{i}]"
                        ))));
                    }
                    open_ids.push(call["id"].as_str().unwrap_or("").to_string());
                }
            }
            Some("tool") => {
                let id = message["tool_call_id"].as_str().unwrap_or("");
                if !open_ids.iter().any(|open| open == id) || !message["content"].is_string() {
                    return Err(Box::new(bad(&format!(
                        "messages[{i}]: tool message must answer a preceding tool_calls id"
                    ))));
                }
            }
            _ => return Err(Box::new(bad(&format!("messages[{i}].role is invalid")))),
        }
    }
    Ok(body.get("stream").and_then(Value::as_bool).unwrap_or(false))
}

fn openai_tool_call(call: &FakeCall, index: Option<usize>) -> Value {
    let mut value =
        json!({"type": "function", "function": {"name": call.name, "arguments": call.arguments()}});
    if let Some(id) = &call.id {
        value["id"] = json!(id);
    }
    if let Some(index) = index {
        value["index"] = json!(index);
    }
    value
}

fn openai_finish(answer: &Answer) -> String {
    answer.stop.clone().unwrap_or_else(|| {
        if answer.calls.is_empty() {
            "stop"
        } else {
            "tool_calls"
        }
        .to_string()
    })
}

fn openai_json(answer: &Answer, model: &str) -> Value {
    let text = answer.joined();
    let mut message = json!({"role": "assistant", "content": if text.is_empty() { Value::Null } else { json!(text) }});
    if !answer.calls.is_empty() {
        message["tool_calls"] = answer
            .calls
            .iter()
            .map(|c| openai_tool_call(c, None))
            .collect();
    }
    json!({
        "id": "chatcmpl-fake", "object": "chat.completion", "created": 1_700_000_000, "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": openai_finish(answer)}],
        "usage": {"prompt_tokens": answer.usage.0, "completion_tokens": answer.usage.1, "total_tokens": answer.usage.0 + answer.usage.1},
    })
}

fn openai_sse(answer: &Answer, model: &str, include_usage: bool) -> Vec<String> {
    let chunk = |delta: Value, finish: Value| {
        let value = json!({
            "id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 1_700_000_000, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        });
        frame(None, &value, answer.crlf)
    };
    let mut frames = vec![chunk(
        json!({"role": "assistant", "content": ""}),
        Value::Null,
    )];
    for piece in &answer.text {
        frames.push(chunk(json!({"content": piece}), Value::Null));
    }
    if answer.ollama {
        for call in &answer.calls {
            frames.push(chunk(
                json!({"tool_calls": [openai_tool_call(call, Some(0))]}),
                Value::Null,
            ));
        }
    } else {
        for (i, call) in answer.calls.iter().enumerate() {
            let mut first = json!({"index": i, "type": "function", "function": {"name": call.name, "arguments": ""}});
            if let Some(id) = &call.id {
                first["id"] = json!(id);
            }
            frames.push(chunk(json!({"tool_calls": [first]}), Value::Null));
        }
        // Fragments of parallel calls interleaved: accumulation must go by index.
        let rounds = answer
            .calls
            .iter()
            .map(|c| c.fragments.len())
            .max()
            .unwrap_or(0);
        for round in 0..rounds {
            for (i, call) in answer.calls.iter().enumerate() {
                if let Some(fragment) = call.fragments.get(round) {
                    frames.push(chunk(
                        json!({"tool_calls": [{"index": i, "function": {"arguments": fragment}}]}),
                        Value::Null,
                    ));
                }
            }
        }
    }
    frames.push(chunk(json!({}), json!(openai_finish(answer))));
    if include_usage {
        let usage = json!({
            "id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 1_700_000_000, "model": model,
            "choices": [],
            "usage": {"prompt_tokens": answer.usage.0, "completion_tokens": answer.usage.1, "total_tokens": answer.usage.0 + answer.usage.1},
        });
        frames.push(frame(None, &usage, answer.crlf));
    }
    frames.push(
        if answer.crlf {
            "data: [DONE]\r\n\r\n"
        } else {
            "data: [DONE]\n\n"
        }
        .to_string(),
    );
    frames
}
