//! An Agentry agent: copies stdin to stdout in upper case.
//!
//! Valid UTF-8 is upper-cased by Unicode's rules ("straße" -> "STRASSE"); any other input has its
//! ASCII letters upper-cased and every other byte kept as it is.

use std::io::{self, Read, Write};
use std::process;

fn main() {
    let mut input = Vec::new();
    if let Err(e) = io::stdin().read_to_end(&mut input) {
        eprintln!("uppercase: cannot read stdin: {}", e);
        process::exit(1);
    }
    let output = match String::from_utf8(input) {
        Ok(text) => text.to_uppercase().into_bytes(),
        Err(not_utf8) => not_utf8.into_bytes().to_ascii_uppercase(),
    };
    if let Err(e) = io::stdout().write_all(&output) {
        eprintln!("uppercase: cannot write stdout: {}", e);
        process::exit(1);
    }
}
