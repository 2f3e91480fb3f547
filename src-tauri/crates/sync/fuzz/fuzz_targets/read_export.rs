//! Fuzz target for the export reader: arbitrary bytes must never make it panic, hang or
//! accept something that is not a whole, verified file.
//!
//! The first byte picks the path: the body reader alone (JSON Lines, manifest, footer, checksum,
//! ops; whatever it accepts is re-encoded, signed, and must read back whole); the full
//! decrypt-and-verify path on raw bytes (age header, STREAM, zstd); the bytes encrypted to the
//! fixed test key first, so the fuzzer reaches the plaintext reader through real decryption, and
//! both paths must agree; the same with the bytes compressed first (format 3.0: the streaming
//! reader behind zstd), which must agree too; or the whole plaintext reader (signature line
//! included; 2.x read whole, 3.x through the streaming reader).
#![no_main]

use std::sync::OnceLock;

use keukentafel_sync::{format, read_export_bytes, KeyPair, SigningKey, MAX_OPS};
use libfuzzer_sys::fuzz_target;

/// A key made for this fuzz target only; it protects nothing.
const TEST_IDENTITY: &str = "AGE-SECRET-KEY-19EY3U9MP47CVSNC5H03MLAVV8A4CRXWN2HDSZR4KPJHL6XPF2WYSSHG40W";

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let key = KeyPair::from_identity_text(TEST_IDENTITY).expect("the test identity parses");
    static SIGNER: OnceLock<SigningKey> = OnceLock::new();
    match mode % 5 {
        0 => {
            if let Ok((manifest, ops)) = format::read_body(rest, MAX_OPS) {
                // Whatever is accepted must survive a round trip through the writer, signed.
                let signer = SIGNER.get_or_init(SigningKey::generate);
                let again = format::write_plaintext(&manifest, &ops, signer).expect("re-encodes");
                if manifest.major >= 2 {
                    let back = format::read_plaintext(&again).expect("what we write, we read");
                    assert_eq!(back.ops.len(), ops.len());
                }
            }
        }
        3 => {
            let _ = format::read_plaintext(rest);
        }
        1 => {
            let _ = read_export_bytes(&key, rest);
        }
        4 => {
            // Format 3.0: compressed inside the encryption, read as a stream.
            let compressed = keukentafel_sync::content::compress(|w| {
                w.write_all(rest).map_err(|e| keukentafel_sync::SyncError::io("", e))
            })
            .expect("compresses");
            let file = keukentafel_sync::envelope::encrypt(&compressed, &[key.recipient()]).expect("encrypts");
            let via_file = read_export_bytes(&key, &file).map(|c| c.ops.len()).map_err(|e| e.code());
            let direct = format::read_plaintext(rest).map(|c| c.ops.len()).map_err(|e| e.code());
            // A 2.x plaintext is never compressed (its signature covers all of it): the file
            // reader refuses it as malformed, the plaintext reader reads it as 2.x.
            let first = &rest[..rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())];
            if matches!(format::check_manifest_line(first), Ok(m) if m.major == 2) {
                assert!(via_file.is_err(), "a compressed 2.x file is refused");
            } else {
                assert_eq!(via_file, direct, "compression changes nothing about the verdict");
            }
        }
        _ => {
            // Content that starts like zstd is decompressed by the file reader, not by the
            // plaintext reader: the two verdicts are comparable only for other content.
            let file = keukentafel_sync::envelope::encrypt(rest, &[key.recipient()]).expect("encrypts");
            let via_file = read_export_bytes(&key, &file).map(|c| c.ops.len()).map_err(|e| e.code());
            if !rest.starts_with(&keukentafel_sync::content::ZSTD_MAGIC) {
                let direct = format::read_plaintext(rest).map(|c| c.ops.len()).map_err(|e| e.code());
                assert_eq!(via_file, direct, "decryption changes nothing about the verdict");
            }
        }
    }
});
