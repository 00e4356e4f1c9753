//! A small incremental parser for server-sent events
//! (html.spec.whatwg.org/multipage/server-sent-events.html): `event:` and
//! `data:` fields, multi-line data, `:` comments, LF, CRLF and CR line ends,
//! events split anywhere across chunks, and a last event without its
//! closing blank line at end of stream.

use super::LlmError;
use futures_util::{Stream, StreamExt};
use std::collections::VecDeque;
use std::pin::Pin;

/// One dispatched event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SseEvent {
    /// The `event:` field, if the event had one.
    pub event: Option<String>,
    /// The `data:` lines joined with `\n`.
    pub data: String,
}

impl SseEvent {
    /// The event type: the `event:` field, `"message"` when absent.
    pub fn kind(&self) -> &str {
        self.event.as_deref().unwrap_or("message")
    }
}

/// Push bytes in, take events out.
#[derive(Debug, Default)]
pub struct SseParser {
    buffer: Vec<u8>,
    event: Option<String>,
    data: String,
    has_data: bool,
}

impl SseParser {
    pub fn new() -> SseParser {
        SseParser::default()
    }

    /// Feeds a chunk; returns the events it completed.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<SseEvent> {
        self.buffer.extend_from_slice(chunk);
        let mut events = Vec::new();
        let mut start = 0;
        while let Some(offset) = self.buffer[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
        {
            let end = start + offset;
            let terminator = if self.buffer[end] == b'\r' {
                match self.buffer.get(end + 1) {
                    Some(b'\n') => 2,
                    Some(_) => 1,
                    // A CR at the end of the chunk: its LF may be in the next one.
                    None => break,
                }
            } else {
                1
            };
            let line = String::from_utf8_lossy(&self.buffer[start..end]).into_owned();
            start = end + terminator;
            if let Some(event) = self.line(&line) {
                events.push(event);
            }
        }
        self.buffer.drain(..start);
        events
    }

    /// The stream ended: the pending line and event, if any.
    pub fn finish(&mut self) -> Option<SseEvent> {
        let mut rest = std::mem::take(&mut self.buffer);
        while rest.last().is_some_and(|&b| b == b'\r' || b == b'\n') {
            rest.pop();
        }
        if !rest.is_empty() {
            let line = String::from_utf8_lossy(&rest).into_owned();
            if let Some(event) = self.line(&line) {
                return Some(event);
            }
        }
        self.dispatch()
    }

    fn line(&mut self, line: &str) -> Option<SseEvent> {
        if line.is_empty() {
            return self.dispatch();
        }
        if line.starts_with(':') {
            return None;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => self.event = Some(value.to_string()),
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            // `id`, `retry` and unknown fields do not matter here.
            _ => {}
        }
        None
    }

    fn dispatch(&mut self) -> Option<SseEvent> {
        let event = self.event.take();
        if !self.has_data {
            // An event without data is not dispatched (per the spec).
            return None;
        }
        self.has_data = false;
        Some(SseEvent {
            event,
            data: std::mem::take(&mut self.data),
        })
    }
}

type ByteStream = Pin<Box<dyn Stream<Item = Result<Vec<u8>, String>> + Send>>;

/// Events read from a byte stream (a `reqwest` response body).
pub struct SseStream {
    body: ByteStream,
    parser: SseParser,
    pending: VecDeque<SseEvent>,
    done: bool,
}

impl SseStream {
    /// The events of a streamed response body.
    pub fn from_response(response: reqwest::Response) -> SseStream {
        SseStream::new(
            response
                .bytes_stream()
                .map(|chunk| chunk.map_err(|e| super::error_chain(&e.without_url()))),
        )
    }

    /// The events of any stream of byte chunks.
    pub fn new<S, B, E>(body: S) -> SseStream
    where
        S: Stream<Item = Result<B, E>> + Send + 'static,
        B: AsRef<[u8]>,
        E: std::fmt::Display,
    {
        let body = body.map(|chunk| match chunk {
            Ok(bytes) => Ok(bytes.as_ref().to_vec()),
            Err(e) => Err(e.to_string()),
        });
        SseStream {
            body: Box::pin(body),
            parser: SseParser::new(),
            pending: VecDeque::new(),
            done: false,
        }
    }

    /// The next event; `None` at the end of the stream. A body that breaks
    /// off is [`LlmError::Stream`].
    pub async fn next_event(&mut self) -> Result<Option<SseEvent>, LlmError> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Ok(Some(event));
            }
            if self.done {
                return Ok(None);
            }
            match self.body.next().await {
                Some(Ok(chunk)) => self.pending.extend(self.parser.feed(&chunk)),
                Some(Err(e)) => {
                    self.done = true;
                    return Err(LlmError::Stream(format!("the stream broke off: {e}")));
                }
                None => {
                    self.done = true;
                    self.pending.extend(self.parser.finish());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(event: Option<&str>, data: &str) -> SseEvent {
        SseEvent {
            event: event.map(str::to_string),
            data: data.to_string(),
        }
    }

    fn feed_all(chunks: &[&[u8]]) -> Vec<SseEvent> {
        let mut parser = SseParser::new();
        let mut out = Vec::new();
        for chunk in chunks {
            out.extend(parser.feed(chunk));
        }
        out.extend(parser.finish());
        out
    }

    #[test]
    fn events_data_and_comments() {
        let text =
            b": hello\nevent: ping\ndata: {}\n\ndata: a\ndata:b\n\nid: 3\nretry: 10\ndata\n\n";
        assert_eq!(
            feed_all(&[text]),
            vec![ev(Some("ping"), "{}"), ev(None, "a\nb"), ev(None, "")]
        );
    }

    #[test]
    fn crlf_cr_and_any_split() {
        let text = "event: x\r\ndata: é1\r\n\r\ndata: 2\r\rdata: 3\n\n";
        let bytes = text.as_bytes();
        let want = vec![ev(Some("x"), "é1"), ev(None, "2"), ev(None, "3")];
        for cut in 0..bytes.len() {
            assert_eq!(
                feed_all(&[&bytes[..cut], &bytes[cut..]]),
                want,
                "cut at {cut}"
            );
        }
        let singles: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(feed_all(&singles), want);
    }

    #[test]
    fn last_event_without_blank_line() {
        assert_eq!(
            feed_all(&[b"data: a\n\ndata: [DONE]"]),
            vec![ev(None, "a"), ev(None, "[DONE]")]
        );
        assert_eq!(feed_all(&[b"data: x\r\n"]), vec![ev(None, "x")]);
        assert_eq!(feed_all(&[b"event: only\n\n"]), vec![]);
    }

    #[tokio::test]
    async fn stream_reports_a_broken_body() {
        let chunks: Vec<Result<&'static [u8], String>> = vec![
            Ok(b"data: 1\n\nda"),
            Ok(b"ta: 2\n\n"),
            Err("reset".to_string()),
        ];
        let mut stream = SseStream::new(futures_util::stream::iter(chunks));
        assert_eq!(stream.next_event().await, Ok(Some(ev(None, "1"))));
        assert_eq!(stream.next_event().await, Ok(Some(ev(None, "2"))));
        assert!(matches!(
            stream.next_event().await,
            Err(LlmError::Stream(_))
        ));
        assert_eq!(stream.next_event().await, Ok(None));
    }
}
