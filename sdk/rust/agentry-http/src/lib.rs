//! Outbound HTTP for Agentry agents (docs/contract.md, section 4).
//!
//! Build the agent for `wasm32-wasip1` (`wasm32-wasi` before Rust 1.78). A request reaches only
//! the origins the agent version declares in its metadata
//! (`{"permissions": {"http": ["https://api.example.com"]}}`).
//!
//! ```no_run
//! let mut response = agentry_http::get("https://api.example.com/status").expect("a response");
//! let status = response.status();
//! let body = response.read_to_end().expect("the body");
//! ```

use std::fmt;

#[link(wasm_import_module = "agentry")]
extern "C" {
    fn http_request(
        request: *const u8,
        request_len: u32,
        body: *const u8,
        body_len: u32,
        out: *mut u32,
    ) -> i32;
    fn http_read(handle: u32, buffer: *mut u8, capacity: u32) -> i32;
    fn http_header(handle: u32, name: *const u8, name_len: u32, out: *mut u8, capacity: u32) -> i32;
}

/// Why no response arrived: the code `http_request` answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// 1: the origin is not declared, or its address is a private or special one.
    NotPermitted,
    /// 2: the request is not one the host sends (JSON, method, URL, a header the host sets, sizes).
    InvalidRequest,
    /// 3: the host could not be resolved or connected to, or the exchange broke off.
    ConnectionFailed,
    /// 4: no response head within the request timeout.
    TimedOut,
    /// 5: the task sent all its requests, or holds all the open responses it may.
    RequestLimit,
    /// 6: the declared body or the head is larger than the task may receive.
    TooLarge,
    /// 7: a pointer or length outside the module's memory.
    OutOfBounds,
    /// `http_read` answered -1: the body was cut at the task's byte limit or broke off.
    BodyCut,
    /// A code this version of the crate does not know.
    Other(i32),
}

impl Error {
    fn of(code: i32) -> Error {
        match code {
            1 => Error::NotPermitted,
            2 => Error::InvalidRequest,
            3 => Error::ConnectionFailed,
            4 => Error::TimedOut,
            5 => Error::RequestLimit,
            6 => Error::TooLarge,
            7 | -7 => Error::OutOfBounds,
            other => Error::Other(other),
        }
    }

    /// The code, as the agent may use it as its exit code.
    pub fn code(&self) -> i32 {
        match self {
            Error::NotPermitted => 1,
            Error::InvalidRequest => 2,
            Error::ConnectionFailed => 3,
            Error::TimedOut => 4,
            Error::RequestLimit => 5,
            Error::TooLarge => 6,
            Error::OutOfBounds => 7,
            Error::BodyCut => -1,
            Error::Other(code) => *code,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Error::NotPermitted => "origin not permitted",
            Error::InvalidRequest => "invalid request",
            Error::ConnectionFailed => "connection failed",
            Error::TimedOut => "timed out",
            Error::RequestLimit => "request limit reached",
            Error::TooLarge => "response too large",
            Error::OutOfBounds => "pointer or length outside memory",
            Error::BodyCut => "the body was cut off",
            Error::Other(_) => "unknown code",
        };
        write!(f, "{} (code {})", text, self.code())
    }
}

impl std::error::Error for Error {}

/// A response whose head arrived; its body is read from the connection as it is asked for.
pub struct Response {
    status: u32,
    body_length: Option<u32>,
    handle: u32,
}

impl Response {
    /// The HTTP status, such as 200.
    pub fn status(&self) -> u32 {
        self.status
    }

    /// The declared body length, or None when the server declared none.
    pub fn body_length(&self) -> Option<u32> {
        self.body_length
    }

    /// A header's value (any letter case; repeated headers joined by ", "), or None when absent.
    pub fn header(&self, name: &str) -> Option<String> {
        let mut value = vec![0u8; 256];
        loop {
            let length = unsafe {
                http_header(
                    self.handle,
                    name.as_ptr(),
                    name.len() as u32,
                    value.as_mut_ptr(),
                    value.len() as u32,
                )
            };
            if length < 0 {
                return None;
            }
            if (length as usize) <= value.len() {
                value.truncate(length as usize);
                return Some(String::from_utf8_lossy(&value).into_owned());
            }
            value.resize(length as usize, 0);
        }
    }

    /// Reads body bytes into `buffer`: how many, 0 at the end.
    pub fn read(&mut self, buffer: &mut [u8]) -> Result<usize, Error> {
        let read = unsafe { http_read(self.handle, buffer.as_mut_ptr(), buffer.len() as u32) };
        match read {
            n if n >= 0 => Ok(n as usize),
            -1 => Err(Error::BodyCut),
            other => Err(Error::of(other)),
        }
    }

    /// The rest of the body.
    pub fn read_to_end(&mut self) -> Result<Vec<u8>, Error> {
        let mut body = Vec::new();
        let mut chunk = vec![0u8; 16 * 1024];
        loop {
            let read = self.read(&mut chunk)?;
            if read == 0 {
                return Ok(body);
            }
            body.extend_from_slice(&chunk[..read]);
        }
    }
}

/// Sends a request: `request` is the JSON `{"method": ..., "url": ..., "headers": {...}}`
/// (method and headers optional), `body` may be empty.
pub fn send(request: &str, body: &[u8]) -> Result<Response, Error> {
    let mut out = [0u32; 3];
    let code = unsafe {
        http_request(
            request.as_ptr(),
            request.len() as u32,
            body.as_ptr(),
            body.len() as u32,
            out.as_mut_ptr(),
        )
    };
    if code != 0 {
        return Err(Error::of(code));
    }
    Ok(Response {
        status: out[0],
        body_length: if out[1] == u32::MAX { None } else { Some(out[1]) },
        handle: out[2],
    })
}

/// Sends a GET to `url`.
pub fn get(url: &str) -> Result<Response, Error> {
    send(&format!("{{\"url\":{}}}", json_string(url)), &[])
}

/// `text` as a JSON string, quotes and escapes included.
pub fn json_string(text: &str) -> String {
    let mut json = String::with_capacity(text.len() + 2);
    json.push('"');
    for c in text.chars() {
        match c {
            '"' => json.push_str("\\\""),
            '\\' => json.push_str("\\\\"),
            c if (c as u32) < 0x20 => json.push_str(&format!("\\u{:04x}", c as u32)),
            c => json.push(c),
        }
    }
    json.push('"');
    json
}
