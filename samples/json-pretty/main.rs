//! An Agentry agent: checks that stdin is one JSON document and prints it indented.
//!
//! Usage (argv after the agent name): `[--indent N]` with N from 0 to 8 (default 2); with 0 the
//! document is printed compact. Strings and numbers are copied exactly as written. Invalid JSON is
//! reported on stderr with the byte offset and the program exits with code 1; a bad argument exits
//! with code 2.

use std::io::{self, Read, Write};
use std::process;

const MAX_DEPTH: usize = 512;

struct Formatter<'a> {
    input: &'a [u8],
    pos: usize,
    indent: usize,
    out: Vec<u8>,
}

type Parsed = Result<(), String>;

impl<'a> Formatter<'a> {
    fn skip_whitespace(&mut self) {
        while self.pos < self.input.len() && matches!(self.input[self.pos], b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn fail<T>(&self, expected: &str) -> Result<T, String> {
        match self.peek() {
            Some(b) if b.is_ascii_graphic() => Err(format!("expected {} at byte {}, found '{}'", expected, self.pos, b as char)),
            Some(b) => Err(format!("expected {} at byte {}, found byte 0x{:02x}", expected, self.pos, b)),
            None => Err(format!("expected {} at byte {}, found the end of the input", expected, self.pos)),
        }
    }

    fn newline(&mut self, depth: usize) {
        if self.indent > 0 {
            self.out.push(b'\n');
            self.out.resize(self.out.len() + depth * self.indent, b' ');
        }
    }

    fn value(&mut self, depth: usize) -> Parsed {
        if depth > MAX_DEPTH {
            return Err(format!("nesting deeper than {} levels at byte {}", MAX_DEPTH, self.pos));
        }
        self.skip_whitespace();
        match self.peek() {
            Some(b'{') => self.container(depth, b'}', true),
            Some(b'[') => self.container(depth, b']', false),
            Some(b'"') => self.string(),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(b'-') | Some(b'0'..=b'9') => self.number(),
            _ => self.fail("a value"),
        }
    }

    fn container(&mut self, depth: usize, close: u8, object: bool) -> Parsed {
        self.out.push(self.input[self.pos]);
        self.pos += 1;
        self.skip_whitespace();
        if self.peek() == Some(close) {
            self.out.push(close);
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.newline(depth + 1);
            if object {
                self.skip_whitespace();
                if self.peek() != Some(b'"') {
                    return self.fail("a member name");
                }
                self.string()?;
                self.skip_whitespace();
                if self.peek() != Some(b':') {
                    return self.fail("':'");
                }
                self.pos += 1;
                self.out.push(b':');
                if self.indent > 0 {
                    self.out.push(b' ');
                }
            }
            self.value(depth + 1)?;
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.out.push(b',');
                }
                Some(c) if c == close => {
                    self.pos += 1;
                    self.newline(depth);
                    self.out.push(close);
                    return Ok(());
                }
                _ => return self.fail(if object { "',' or '}'" } else { "',' or ']'" }),
            }
        }
    }

    fn string(&mut self) -> Parsed {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.peek() {
                None => return self.fail("the closing '\"'"),
                Some(b'"') => break,
                Some(b'\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.pos += 1,
                        Some(b'u') => {
                            self.pos += 1;
                            for _ in 0..4 {
                                match self.peek() {
                                    Some(c) if c.is_ascii_hexdigit() => self.pos += 1,
                                    _ => return self.fail("a hex digit"),
                                }
                            }
                        }
                        _ => return self.fail("an escape character"),
                    }
                }
                Some(c) if c < 0x20 => return self.fail("a character (control characters must be escaped)"),
                Some(_) => self.pos += 1,
            }
        }
        self.pos += 1;
        if std::str::from_utf8(&self.input[start..self.pos]).is_err() {
            return Err(format!("the string at byte {} is not valid UTF-8", start));
        }
        self.out.extend_from_slice(&self.input[start..self.pos]);
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Parsed {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.fail("a digit"),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return self.fail("a digit after '.'");
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.fail("a digit in the exponent");
            }
        }
        self.out.extend_from_slice(&self.input[start..self.pos]);
        Ok(())
    }

    fn literal(&mut self, word: &str) -> Parsed {
        if self.input[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            self.out.extend_from_slice(word.as_bytes());
            Ok(())
        } else {
            self.fail(word)
        }
    }
}

fn parse_indent(args: &[String]) -> Result<usize, String> {
    match args {
        [] => Ok(2),
        [flag, n] if flag == "--indent" => match n.parse::<usize>() {
            Ok(v) if v <= 8 => Ok(v),
            _ => Err(format!("--indent takes a number from 0 to 8, not '{}'", n)),
        },
        _ => Err("usage: json-pretty [--indent N]".to_string()),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let indent = parse_indent(&args).unwrap_or_else(|message| {
        eprintln!("json-pretty: {}", message);
        process::exit(2);
    });
    let mut input = Vec::new();
    if let Err(e) = io::stdin().read_to_end(&mut input) {
        eprintln!("json-pretty: cannot read stdin: {}", e);
        process::exit(1);
    }
    let mut formatter = Formatter { input: &input, pos: 0, indent, out: Vec::with_capacity(input.len() * 2) };
    let result = formatter.value(0).and_then(|_| {
        formatter.skip_whitespace();
        if formatter.pos == input.len() { Ok(()) } else { formatter.fail("the end of the input") }
    });
    if let Err(message) = result {
        eprintln!("json-pretty: invalid JSON: {}", message);
        process::exit(1);
    }
    formatter.out.push(b'\n');
    if let Err(e) = io::stdout().write_all(&formatter.out) {
        eprintln!("json-pretty: cannot write stdout: {}", e);
        process::exit(1);
    }
}
