//! Fuzz target for the export reader: arbitrary bytes must never make it panic, hang or
//! accept something that is not a whole, verified file.
//!
//! The first byte picks the path: the plaintext reader alone (JSON Lines, manifest, footer,
//! checksum, ops); the full decrypt-and-verify path on raw bytes (age header, STREAM); or the
//! bytes encrypted to the fixed test key first, so the fuzzer reaches the plaintext reader
//! through real decryption, and both paths must agree.
#![no_main]

use keukentafel_sync::{format, read_export_bytes, KeyPair};
use libfuzzer_sys::fuzz_target;

/// A key made for this fuzz target only; it protects nothing.
const TEST_IDENTITY: &str = "AGE-SECRET-KEY-19EY3U9MP47CVSNC5H03MLAVV8A4CRXWN2HDSZR4KPJHL6XPF2WYSSHG40W";

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let key = KeyPair::from_identity_text(TEST_IDENTITY).expect("the test identity parses");
    match mode % 3 {
        0 => {
            if let Ok(contents) = format::read_plaintext(rest) {
                // Whatever is accepted must survive a round trip through the writer.
                let again = format::write_plaintext(&contents.manifest, &contents.ops).expect("re-encodes");
                let back = format::read_plaintext(&again).expect("what we write, we read");
                assert_eq!(back.ops.len(), contents.ops.len());
            }
        }
        1 => {
            let _ = read_export_bytes(&key, rest);
        }
        _ => {
            let file = keukentafel_sync::envelope::encrypt(rest, &[key.recipient()]).expect("encrypts");
            let via_file = read_export_bytes(&key, &file).map(|c| c.ops.len()).map_err(|e| e.code());
            let direct = format::read_plaintext(rest).map(|c| c.ops.len()).map_err(|e| e.code());
            assert_eq!(via_file, direct, "decryption changes nothing about the verdict");
        }
    }
});
