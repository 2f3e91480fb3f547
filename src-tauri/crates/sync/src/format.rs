//! The plaintext of an export file (format `keukentafel-export`, version 3.0; 2.x still read):
//! JSON Lines.
//!
//! ```text
//! {"format":"keukentafel-export","major":3,"minor":0,"min_reader":{"major":3,"minor":0},…}   manifest
//! {"op_id":…}                                                                                  one op per line
//! {"footer":true,"op_count":N,"sha256":"<hex of every byte before this line>"}                 footer
//! {"signer":"ktsig1:…","signature":"<Ed25519, see below>"}                                     signature
//! ```
//!
//! **What is signed.** Format 2.x: Ed25519 over the whole plaintext before the signature line
//! (manifest, ops, footer). Format 3.x: Ed25519 over [`FOOTER_CONTEXT`] followed by the footer
//! line as written (with its `\n`). The footer carries the SHA-256 of every byte before it and
//! the op count, so the signature covers every byte of manifest and ops through SHA-256: to make
//! a signed 3.x file say something else one needs an Ed25519 forgery or a SHA-256 collision
//! (second preimage, in fact, as the signer chose the content), both about 2^128 work, the same
//! level as Ed25519 itself (which hashes its message with SHA-512 inside). This is the
//! "hash-then-sign" of Ed25519ph without its separate algorithm: a plain Ed25519 signature
//! needs the whole message twice (ed25519-dalek's `sign` takes a slice), so it cannot be made
//! or checked while streaming; a footer line is at most a few hundred bytes. The context
//! string keeps a 3.x signature from ever being a valid 2.x one (a 2.x message starts with a
//! manifest line, never with this text) and binds the signature to this use.
//!
//! [`read_plaintext`] checks the signature against the key the line names; whether that key may
//! send to this store (an enrolled volunteer, or the linked coordinator) is decided by `trust`
//! before the store is touched. A file of version 1.x has no signature and is refused
//! ([`SyncError::Unsigned`]).
//!
//! **Streaming (3.x).** [`PlainWriter`] writes manifest, ops, footer and signature line to any
//! writer one op at a time; [`read_stream`] reads them back from any reader holding two lines
//! at a time (a line is at most [`LINE_MAX`]), hashing as it goes, so neither grows with the
//! file. In the file the plaintext is compressed (zstd, see `content`); the layout here is the
//! same either way. A 2.x plaintext is read whole, as before (its signature covers all of it).
//!
//! Every line ends with `\n`. [`read_plaintext`] is pure and total (it never panics, whatever the
//! bytes; fuzzed): it checks, in this order, the manifest's format name and version (a newer
//! major version, or a `min_reader` above ours, is refused before anything else is read, since
//! its layout may differ) and the op count it announces (over the limit: too many ops), the
//! signature line's presence and its key (missing: truncated), the sender (the caller's check,
//! see [`read_stream`]), the footer (missing: truncated), the checksum and op count (wrong:
//! altered), the op count against the limit, then each op, then the signature. Unknown fields
//! from a newer minor version are kept: in [`Manifest::extra`] and in each op's `extra`, which
//! travels on unchanged.
//!
//! A checksum proves only that the file is whole: anyone with the recipient's public key can
//! write a whole file. So every op is also checked against the domain
//! ([`keukentafel_domain::validate::field_value`]: the forms' rules, normalised values only);
//! the first op that fails refuses the whole file with its line number
//! ([`SyncError::InvalidOp`]). An op for an entity or field this version does not know is kept
//! and passed on (a newer version's data, relayed by any version), provided its names are plain
//! and its value bounded; the store never applies it to a table.
//!
//! Version 1.1 adds `op_count` to the manifest (1.0 readers keep it as an unknown field), so a
//! file with more ops than the limit ([`crate::limits`]) is refused from its first line. The
//! content's own op count is checked against the limit before any op is parsed (2.x); a 3.x
//! reader parses ops as they stream past, but none beyond the limit, and reports the count
//! after the footer as 2.x does.

use std::collections::BTreeMap;

use keukentafel_domain::{validate, ErasedHousehold, FileReceipt, HouseholdId, ReplicaId};
use keukentafel_store::{Op, Received};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use crate::error::SyncError;
use crate::limits::MAX_OPS;
use crate::signing::{Signature, SigningKey, SigningPublicKey};

pub const FORMAT: &str = "keukentafel-export";
/// 3.0: the plaintext is compressed with zstd inside the encryption, and the signature covers
/// the footer line (see the module doc) so files are written and read streaming. A 2.x reader
/// cannot read a 3.0 file (it sees no manifest: "not an export file"); `min_reader` is 3.0.
/// This program writes 3.0 always and still reads 2.0 to 2.3.
/// 2.0: every file ends with a signature line (files of 1.x carry none and are refused); the
/// manifest announces its `op_count` (added in 1.1).
pub const MAJOR: u32 = 3;
/// 2.1: a coordinator's return file says its number and the households of its volunteer
/// (`return_file`, `households`); a volunteer's file names the newest return file it imported
/// (`acknowledged`). A 2.0 reader keeps them as unknown fields.
/// 2.2: every file carries its number from its writer (`file_number`, per installation from 1;
/// its date is `created_at`), and a coordinator's return file lists the files of its volunteer
/// it imported (`receipts`). A 2.1 reader keeps them as unknown fields; a file without a number
/// (2.1 and older) is accepted and recorded without one.
/// 2.3: a coordinator's return file names the households it erased that the volunteer has not
/// confirmed yet (`erase`); a volunteer's file confirms the erasures it carried out (`erased`,
/// with the slots of its own changes they removed). A 2.2 reader keeps them as unknown fields.
/// An erasure counts only in a file signed by the reader's linked coordinator.
/// (3.0 carries everything 2.3 does.)
pub const MINOR: u32 = 0;
/// The newest 2.x minor version; 2.0 to 2.3 are read as before.
pub const V2_MINOR: u32 = 3;
/// The first major version whose signature covers the footer line (see the module doc).
pub const STREAMING_MAJOR: u32 = 3;
/// What a 3.x signature signs before the footer line.
pub const FOOTER_CONTEXT: &[u8] = b"keukentafel-export/3 signed footer\n";
/// The longest line [`read_stream`] reads (a manifest listing many households and receipts,
/// an op with a 32 KiB answer, with room to spare); a longer line is refused, not buffered.
pub const LINE_MAX: usize = 4 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// The first line: who sent the file and what it carries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub major: u32,
    pub minor: u32,
    /// The oldest reader that can use this file.
    pub min_reader: Version,
    /// The store schema version of the sender.
    pub schema_version: i64,
    /// The sending installation.
    pub replica: ReplicaId,
    /// The sender's name and role (from its profile), for the import report.
    pub author: String,
    pub role: String,
    /// The sender's own public key, so the receiver can write a file back.
    pub recipient: String,
    /// Per replica, the lowest and highest sequence number of the ops carried.
    pub ranges: BTreeMap<ReplicaId, [i64; 2]>,
    /// What the sender holds: per replica, the highest sequence number without a gap.
    pub received: Received,
    /// When the file was written (RFC 3339, UTC).
    pub created_at: String,
    /// How many ops the file carries (since 1.1; the footer says it again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub op_count: Option<u64>,
    /// A coordinator's return file: its number for this volunteer (since 2.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_file: Option<i64>,
    /// A coordinator's return file: every household given to the volunteer now; its laptop
    /// forgets the others (since 2.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub households: Option<Vec<HouseholdId>>,
    /// A volunteer's file: the newest return file of its coordinator it imported (since 2.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<i64>,
    /// The file's number from its writer, per installation from 1 (since 2.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_number: Option<i64>,
    /// A coordinator's return file: the files of its volunteer it imported (since 2.2). Only
    /// counted from the linked coordinator, and only those naming the reader's installation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipts: Option<Vec<FileReceipt>>,
    /// A coordinator's return file: households it erased that the volunteer has not confirmed
    /// (since 2.3). Only counted from the linked coordinator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erase: Option<Vec<HouseholdId>>,
    /// A volunteer's file: the erasures its laptop carried out (since 2.3). Only counted by the
    /// coordinator, for erasures it asked of that volunteer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erased: Option<Vec<ErasedHousehold>>,
    /// Fields of a newer minor version, tolerated.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

impl Manifest {
    pub fn version(&self) -> Version {
        Version { major: self.major, minor: self.minor }
    }
}

/// The last line: proof that the file is whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footer {
    pub footer: bool,
    pub op_count: u64,
    pub sha256: String,
}

/// The line after the footer: who wrote the file, and their signature over every byte before
/// this line (manifest, ops and footer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureLine {
    /// The signer's public key (`ktsig1:…`). A reader trusts it only if it is the key it
    /// enrolled (or linked) for the sending installation.
    pub signer: String,
    /// Ed25519 over the bytes before this line, base64url.
    pub signature: String,
}

/// A verified file's content.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportContents {
    pub manifest: Manifest,
    pub ops: Vec<Op>,
    /// The key the file is signed with (the signature was checked against it).
    pub signer: SigningPublicKey,
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// Per replica, the lowest and highest sequence number among `ops`.
pub fn ranges_of(ops: &[Op]) -> BTreeMap<ReplicaId, [i64; 2]> {
    let mut ranges: BTreeMap<ReplicaId, [i64; 2]> = BTreeMap::new();
    for op in ops {
        let r = ranges.entry(op.replica).or_insert([op.seq, op.seq]);
        r[0] = r[0].min(op.seq);
        r[1] = r[1].max(op.seq);
    }
    ranges
}

/// The plaintext of a file carrying `ops`, signed with `key`.
pub fn write_plaintext(manifest: &Manifest, ops: &[Op], key: &SigningKey) -> Result<Vec<u8>, SyncError> {
    let body = write_body(manifest, ops)?;
    Ok(sign(body, key))
}

/// The major version a plaintext's first line names (0 when it names none).
fn major_of(bytes: &[u8]) -> u32 {
    let first_end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len());
    serde_json::from_slice::<Json>(&bytes[..first_end])
        .ok()
        .and_then(|v| v.get("major").and_then(Json::as_u64))
        .map_or(0, |n| n.min(u32::MAX as u64) as u32)
}

/// What a 3.x signature signs: [`FOOTER_CONTEXT`] and the footer line (with its `\n`).
pub fn signed_footer(footer_line: &[u8]) -> Vec<u8> {
    [FOOTER_CONTEXT, footer_line].concat()
}

/// Appends the signature line over `body` (manifest, ops and footer): over the whole body for a
/// 2.x manifest, over the footer line for 3.x (see the module doc).
pub fn sign(mut body: Vec<u8>, key: &SigningKey) -> Vec<u8> {
    let signature = if major_of(&body) >= STREAMING_MAJOR {
        let without_end = body.strip_suffix(b"\n").unwrap_or(&body);
        let start = without_end.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        key.sign(&signed_footer(&body[start..]))
    } else {
        key.sign(&body)
    };
    let line = SignatureLine { signer: key.public().to_string(), signature: signature.to_string() };
    // Two strings: serialising cannot fail.
    body.extend(serde_json::to_vec(&line).unwrap_or_default());
    body.push(b'\n');
    body
}

/// Manifest, ops and footer, without the signature line.
pub fn write_body(manifest: &Manifest, ops: &[Op]) -> Result<Vec<u8>, SyncError> {
    body_of(manifest, &op_lines(ops)?, ops.len())
}

/// The ops, one JSON line each (what a file name is made from, before the manifest is known).
pub fn op_lines(ops: &[Op]) -> Result<Vec<u8>, SyncError> {
    let malformed = |e: serde_json::Error| SyncError::Malformed(e.to_string());
    let mut out = Vec::with_capacity(ops.len() * 480);
    for op in ops {
        serde_json::to_writer(&mut out, op).map_err(malformed)?;
        out.push(b'\n');
    }
    Ok(out)
}

/// Manifest, the `count` op lines of [`op_lines`] and the footer.
pub fn body_of(manifest: &Manifest, op_lines: &[u8], count: usize) -> Result<Vec<u8>, SyncError> {
    let malformed = |e: serde_json::Error| SyncError::Malformed(e.to_string());
    let mut out = Vec::with_capacity(256 + op_lines.len() + 128);
    serde_json::to_writer(&mut out, manifest).map_err(malformed)?;
    out.push(b'\n');
    out.extend_from_slice(op_lines);
    let footer = Footer { footer: true, op_count: count as u64, sha256: hex(&Sha256::digest(&out)) };
    serde_json::to_writer(&mut out, &footer).map_err(malformed)?;
    out.push(b'\n');
    Ok(out)
}

/// Checks the manifest line alone: ours, and a version this program reads.
pub fn check_manifest_line(line: &[u8]) -> Result<Manifest, SyncError> {
    let value: Json = serde_json::from_slice(line)
        .map_err(|_| SyncError::NotAnExportFile("the first line is not a Keukentafel manifest".into()))?;
    if value.get("format").and_then(Json::as_str) != Some(FORMAT) {
        return Err(SyncError::NotAnExportFile("the first line is not a Keukentafel manifest".into()));
    }
    let number = |v: Option<&Json>| v.and_then(Json::as_u64).map(|n| n.min(u32::MAX as u64) as u32);
    let (Some(major), Some(minor)) = (number(value.get("major")), number(value.get("minor"))) else {
        return Err(SyncError::Malformed("the manifest has no version".into()));
    };
    let min_reader = value.get("min_reader");
    let needs = Version {
        major: number(min_reader.and_then(|m| m.get("major"))).unwrap_or(major),
        minor: number(min_reader.and_then(|m| m.get("minor"))).unwrap_or(0),
    };
    let ours = Version { major: MAJOR, minor: MINOR };
    if major > MAJOR || needs > ours {
        return Err(SyncError::NewerVersion {
            found_major: major,
            found_minor: minor,
            needs: needs.to_string(),
            supported: ours.to_string(),
        });
    }
    serde_json::from_value(value).map_err(|e| SyncError::Malformed(format!("manifest: {e}")))
}

/// Checks the first line as an import does before decrypting further: the manifest, and the
/// op count it announces against `max_ops`.
pub fn check_first_line(line: &[u8], max_ops: u64) -> Result<Manifest, SyncError> {
    let manifest = check_manifest_line(line)?;
    match manifest.op_count {
        Some(count) if count > max_ops => Err(SyncError::TooManyOps { count, limit: max_ops }),
        _ => Ok(manifest),
    }
}

/// Reads and verifies a file's plaintext with the default op limit ([`MAX_OPS`]).
pub fn read_plaintext(bytes: &[u8]) -> Result<ExportContents, SyncError> {
    read_plaintext_with(bytes, MAX_OPS)
}

/// Reads and verifies a file's plaintext: the version, the body (see [`read_body`]), then the
/// signature over everything before the last line, against the key the file names (whether
/// that key may send here is the reader's decision: see `trust`).
pub fn read_plaintext_with(bytes: &[u8], max_ops: u64) -> Result<ExportContents, SyncError> {
    let first_end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len());
    match check_manifest_line(&bytes[..first_end]) {
        // Not ours, newer, or cut off: the body's reader tells which, precisely.
        Err(e) => return Err(read_body(bytes, max_ops).err().unwrap_or(e)),
        Ok(m) if m.major < 2 => return Err(SyncError::Unsigned { found: m.version().to_string() }),
        Ok(m) if m.major >= STREAMING_MAJOR => {
            let mut ops = Vec::new();
            let read = read_stream(&mut &bytes[..], max_ops, |_, _| Ok(()), |op| ops.push(op), |e| SyncError::Malformed(e.to_string()))?;
            return Ok(ExportContents { manifest: read.manifest, ops, signer: read.signer });
        }
        Ok(_) => {}
    }
    let (body, line) = split_signature(bytes)?;
    // The body first: a damaged file is reported as damaged (checksum), a whole file whose
    // signature does not match as such.
    let (manifest, ops) = read_body(body, max_ops)?;
    let signer: SigningPublicKey =
        line.signer.parse().map_err(|_| SyncError::Altered("the signature line names no valid key".into()))?;
    let signature = line.signature.parse::<Signature>().map_err(|_| SyncError::BadSignature)?;
    signer.verify(body, &signature)?;
    Ok(ExportContents { manifest, ops, signer })
}

/// Who a file says it comes from and which key it says signed it, read cheaply (the manifest
/// and the signature line only, nothing verified), so an importer can refuse a sender it does
/// not accept before reading the rest. [`read_plaintext`] verifies everything afterwards.
pub fn claimed_sender(bytes: &[u8]) -> Result<(Manifest, SigningPublicKey), SyncError> {
    let first_end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len());
    let manifest = check_manifest_line(&bytes[..first_end])?;
    if manifest.major < 2 {
        return Err(SyncError::Unsigned { found: manifest.version().to_string() });
    }
    let (_, line) = split_signature(bytes)?;
    let signer = line.signer.parse().map_err(|_| SyncError::Altered("the signature line names no valid key".into()))?;
    Ok((manifest, signer))
}

/// The body (everything before the last line) and the signature line. A file cut off inside or
/// before its signature line is truncated.
fn split_signature(bytes: &[u8]) -> Result<(&[u8], SignatureLine), SyncError> {
    if bytes.is_empty() {
        return Err(SyncError::NotAnExportFile("the encrypted content is empty".into()));
    }
    if bytes.last() != Some(&b'\n') {
        return Err(SyncError::Truncated("the last line is incomplete".into()));
    }
    let without_end = &bytes[..bytes.len() - 1];
    let start = without_end.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    if start == 0 {
        return Err(SyncError::Truncated("the file ends after the manifest".into()));
    }
    match serde_json::from_slice::<SignatureLine>(&without_end[start..]) {
        Ok(line) => Ok((&bytes[..start], line)),
        Err(_) if serde_json::from_slice::<Footer>(&without_end[start..]).is_ok_and(|f| f.footer) => {
            Err(SyncError::Truncated("the file ends after the footer: the signature is missing".into()))
        }
        Err(_) => Err(SyncError::Truncated("no signature line at the end".into())),
    }
}

/// Reads and checks a body: manifest, ops, footer. See the module doc for the order of the
/// checks. Pure and total; also the fuzz target's entry past the signature.
pub fn read_body(bytes: &[u8], max_ops: u64) -> Result<(Manifest, Vec<Op>), SyncError> {
    if bytes.is_empty() {
        return Err(SyncError::NotAnExportFile("the encrypted content is empty".into()));
    }
    let Some(first_end) = bytes.iter().position(|&b| b == b'\n') else {
        // One line without an end: a manifest cut off, or something else entirely.
        return Err(match check_manifest_line(bytes) {
            Err(SyncError::NotAnExportFile(_)) if bytes.starts_with(b"{\"format\":\"keukentafel-export\"") => {
                SyncError::Truncated("the manifest line is incomplete".into())
            }
            Err(e) => e,
            Ok(_) => SyncError::Truncated("the file ends after the manifest".into()),
        });
    };
    let manifest = check_first_line(&bytes[..first_end], max_ops)?;

    if bytes.last() != Some(&b'\n') {
        return Err(SyncError::Truncated("the last line is incomplete".into()));
    }
    let body = &bytes[..bytes.len() - 1];
    let footer_start = body.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    if footer_start == 0 {
        return Err(SyncError::Truncated("the file ends after the manifest (no footer)".into()));
    }
    let footer: Footer = serde_json::from_slice(&body[footer_start..])
        .ok()
        .filter(|f: &Footer| f.footer)
        .ok_or_else(|| SyncError::Truncated("no footer line at the end".into()))?;
    let digest = hex(&Sha256::digest(&bytes[..footer_start]));
    if !digest.eq_ignore_ascii_case(footer.sha256.trim()) {
        return Err(SyncError::Altered("the checksum in the footer does not match the content".into()));
    }

    let op_lines = &bytes[first_end + 1..footer_start];
    let line_count = op_lines.iter().filter(|&&b| b == b'\n').count() as u64;
    if line_count != footer.op_count {
        return Err(SyncError::Altered(format!(
            "the footer announces {} ops, the file holds {line_count}",
            footer.op_count
        )));
    }
    if line_count > max_ops {
        return Err(SyncError::TooManyOps { count: line_count, limit: max_ops });
    }
    if manifest.op_count.is_some_and(|n| n != line_count) {
        return Err(SyncError::Malformed(format!(
            "the manifest announces {} ops, the file holds {line_count}",
            manifest.op_count.unwrap_or_default()
        )));
    }
    let mut ops = Vec::with_capacity(line_count.min(1 << 20) as usize);
    for (i, line) in op_lines.split(|&b| b == b'\n').take(line_count as usize).enumerate() {
        // Line 1 is the manifest.
        let invalid = |reason: String| SyncError::InvalidOp { line: i as u64 + 2, reason };
        let op: Op = serde_json::from_slice(line).map_err(|e| invalid(op_shape_problem(line, &e)))?;
        check_op(&manifest, &op).map_err(invalid)?;
        ops.push(op);
    }
    Ok((manifest, ops))
}

/// An op must lie in a range the manifest announced, and its value must be one this version
/// would write for its field (see the module doc).
fn check_op(manifest: &Manifest, op: &Op) -> Result<(), String> {
    match manifest.ranges.get(&op.replica) {
        Some([from, to]) if (*from..=*to).contains(&op.seq) => {}
        _ => return Err(format!("sequence {} of {} is outside the announced ranges", op.seq, op.replica)),
    }
    if op.seq < 1 {
        return Err(format!("sequence {} is not positive", op.seq));
    }
    validate::field_value(&op.entity, &op.field, &op.value).map_err(|e| e.to_string())
}

/// Why a line does not read as an op, in words a report can show: the id that is not an id,
/// rather than the parser's column number. Only runs for a line that failed to parse.
fn op_shape_problem(line: &[u8], parse_error: &serde_json::Error) -> String {
    let Ok(Json::Object(fields)) = serde_json::from_slice::<Json>(line) else {
        return "the line is not a JSON object".into();
    };
    for key in ["op_id", "entity_id", "replica", "author"] {
        match fields.get(key) {
            None => return format!("{key} is missing"),
            Some(Json::String(s)) if uuid::Uuid::try_parse(s).is_ok() => {}
            Some(_) => return format!("{key} is not an id"),
        }
    }
    format!("not an op: {parse_error}")
}

/// Writes a 3.x plaintext one op at a time: the manifest when made, each op, then
/// [`PlainWriter::finish`] writes the footer (op count, SHA-256 of every byte before it) and the
/// signature line over it. Memory does not grow with the number of ops.
pub struct PlainWriter<W: std::io::Write> {
    out: W,
    hasher: Sha256,
    count: u64,
    line: Vec<u8>,
}

impl<W: std::io::Write> PlainWriter<W> {
    /// Writes the manifest line.
    pub fn start(out: W, manifest: &Manifest) -> Result<Self, SyncError> {
        let mut w = PlainWriter { out, hasher: Sha256::new(), count: 0, line: Vec::with_capacity(1024) };
        serde_json::to_writer(&mut w.line, manifest).map_err(|e| SyncError::Malformed(e.to_string()))?;
        w.line.push(b'\n');
        w.emit()?;
        Ok(w)
    }

    fn emit(&mut self) -> Result<(), SyncError> {
        self.hasher.update(&self.line);
        self.out.write_all(&self.line).map_err(|e| SyncError::io("", e))?;
        self.line.clear();
        Ok(())
    }

    /// Writes one op line.
    pub fn op(&mut self, op: &Op) -> Result<(), SyncError> {
        serde_json::to_writer(&mut self.line, op).map_err(|e| SyncError::Malformed(e.to_string()))?;
        self.line.push(b'\n');
        self.count += 1;
        self.emit()
    }

    /// Writes the footer and the signature line; returns the writer.
    pub fn finish(mut self, key: &SigningKey) -> Result<W, SyncError> {
        let digest = hex(&std::mem::take(&mut self.hasher).finalize());
        let footer = Footer { footer: true, op_count: self.count, sha256: digest };
        let mut line = serde_json::to_vec(&footer).map_err(|e| SyncError::Malformed(e.to_string()))?;
        line.push(b'\n');
        let signature = SignatureLine { signer: key.public().to_string(), signature: key.sign(&signed_footer(&line)).to_string() };
        serde_json::to_writer(&mut line, &signature).map_err(|e| SyncError::Malformed(e.to_string()))?;
        line.push(b'\n');
        self.out.write_all(&line).map_err(|e| SyncError::io("", e))?;
        Ok(self.out)
    }
}

/// What [`read_stream`] verified.
#[derive(Clone, Debug, PartialEq)]
pub struct StreamRead<T> {
    pub manifest: Manifest,
    pub signer: SigningPublicKey,
    pub op_count: u64,
    /// The footer's SHA-256 (hex), checked: names the content exactly.
    pub sha256: String,
    /// What the caller's sender check returned.
    pub trusted: T,
}

/// Reads one line of at most [`LINE_MAX`] bytes into `line` (cleared first), its `\n` included
/// when there is one. `Ok(false)` at the end of the input.
fn read_line(input: &mut dyn std::io::BufRead, line: &mut Vec<u8>) -> Result<bool, LineError> {
    line.clear();
    loop {
        let available = input.fill_buf().map_err(LineError::Io)?;
        if available.is_empty() {
            return Ok(!line.is_empty());
        }
        let (take, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if line.len() + take > LINE_MAX {
            return Err(LineError::TooLong);
        }
        line.extend_from_slice(&available[..take]);
        input.consume(take);
        if done {
            return Ok(true);
        }
    }
}

enum LineError {
    Io(std::io::Error),
    TooLong,
}

/// Reads and verifies a 3.x plaintext from `input`, streaming (see the module doc): at most two
/// lines are held at a time. Each op is handed to `each_op` as soon as it is known to be an op
/// and valid, before the file is verified to its end: a caller must not act on them before
/// this returns `Ok`. `sender` is asked, once the manifest and the signature line are read and
/// before the footer, checksum and ops are judged, whether the installation the manifest names
/// may send with the key the signature line names (its refusal is returned as is). `io` turns
/// a read error into the refusal it stands for (the layers below record why, see
/// `envelope::Verdict`). The order of the refusals is [`read_plaintext`]'s.
pub fn read_stream<T>(
    input: &mut dyn std::io::BufRead,
    max_ops: u64,
    sender: impl FnOnce(&Manifest, &SigningPublicKey) -> Result<T, SyncError>,
    mut each_op: impl FnMut(Op),
    io: impl Fn(std::io::Error) -> SyncError,
) -> Result<StreamRead<T>, SyncError> {
    let too_long = || SyncError::Malformed(format!("a line longer than {LINE_MAX} bytes"));
    let mut line = Vec::new();
    match read_line(input, &mut line) {
        Ok(_) => {}
        Err(LineError::Io(e)) => return Err(io(e)),
        Err(LineError::TooLong) if line.starts_with(b"{\"format\":\"keukentafel-export\"") => return Err(too_long()),
        Err(LineError::TooLong) => {
            return Err(SyncError::NotAnExportFile("the first line is not a Keukentafel manifest".into()))
        }
    }
    if line.is_empty() {
        return Err(SyncError::NotAnExportFile("the encrypted content is empty".into()));
    }
    if line.last() != Some(&b'\n') {
        // One line without an end: a manifest cut off, or something else entirely.
        return Err(read_body(&line, max_ops).err().unwrap_or(SyncError::Truncated("the manifest line is incomplete".into())));
    }
    let manifest = check_first_line(&line[..line.len() - 1], max_ops)?;
    if manifest.major < 2 {
        return Err(SyncError::Unsigned { found: manifest.version().to_string() });
    }
    if manifest.major < STREAMING_MAJOR {
        // No writer ever compressed a 2.x file, whose signature covers all of it.
        return Err(SyncError::Malformed(format!("a file of version {} is not read as a stream", manifest.version())));
    }
    let mut hasher = Sha256::new();
    hasher.update(&line);
    // The last two lines read: the footer and the signature line once the input ends.
    let mut window: std::collections::VecDeque<Vec<u8>> = std::collections::VecDeque::with_capacity(3);
    let mut spare = Vec::new();
    let mut count = 0u64;
    let mut invalid: Option<SyncError> = None;
    loop {
        let mut next = std::mem::take(&mut spare);
        match read_line(input, &mut next) {
            Ok(true) => {}
            Ok(false) => break,
            Err(LineError::Io(e)) => return Err(io(e)),
            Err(LineError::TooLong) => return Err(too_long()),
        }
        if next.last() != Some(&b'\n') {
            return Err(SyncError::Truncated("the last line is incomplete".into()));
        }
        window.push_back(next);
        if window.len() < 3 {
            continue;
        }
        // Two lines follow this one: it is an op line.
        let op_line = window.pop_front().unwrap_or_default();
        hasher.update(&op_line);
        count += 1;
        // Past the limit, lines are only counted (the exact count is reported, as for 2.x,
        // once the footer is checked) and no op is parsed or handed over.
        if invalid.is_none() && count <= max_ops {
            // Line 1 is the manifest.
            let text = &op_line[..op_line.len() - 1];
            let bad = |reason: String| SyncError::InvalidOp { line: count + 1, reason };
            match serde_json::from_slice::<Op>(text) {
                Err(e) => invalid = Some(bad(op_shape_problem(text, &e))),
                Ok(op) => match check_op(&manifest, &op) {
                    Err(reason) => invalid = Some(bad(reason)),
                    Ok(()) => each_op(op),
                },
            }
        }
        spare = op_line;
    }
    let signature_of = |l: &[u8]| serde_json::from_slice::<SignatureLine>(&l[..l.len() - 1]).ok();
    let footer_of = |l: &[u8]| serde_json::from_slice::<Footer>(&l[..l.len() - 1]).ok().filter(|f| f.footer);
    let (footer_line, signature_line) = match (window.pop_front(), window.pop_front()) {
        (None, _) => return Err(SyncError::Truncated("the file ends after the manifest".into())),
        (Some(only), None) => {
            return Err(if signature_of(&only).is_some() {
                SyncError::Truncated("the file ends after the manifest (no footer)".into())
            } else if footer_of(&only).is_some() {
                SyncError::Truncated("the file ends after the footer: the signature is missing".into())
            } else {
                SyncError::Truncated("no signature line at the end".into())
            })
        }
        (Some(f), Some(s)) => (f, s),
    };
    let Some(signature_line) = signature_of(&signature_line) else {
        return Err(if footer_of(&signature_line).is_some() {
            SyncError::Truncated("the file ends after the footer: the signature is missing".into())
        } else {
            SyncError::Truncated("no signature line at the end".into())
        });
    };
    let signer: SigningPublicKey = signature_line
        .signer
        .parse()
        .map_err(|_| SyncError::Altered("the signature line names no valid key".into()))?;
    let trusted = sender(&manifest, &signer)?;
    let footer = footer_of(&footer_line).ok_or_else(|| SyncError::Truncated("no footer line at the end".into()))?;
    let digest = hex(&hasher.finalize());
    if !digest.eq_ignore_ascii_case(footer.sha256.trim()) {
        return Err(SyncError::Altered("the checksum in the footer does not match the content".into()));
    }
    if count != footer.op_count {
        return Err(SyncError::Altered(format!("the footer announces {} ops, the file holds {count}", footer.op_count)));
    }
    if count > max_ops {
        return Err(SyncError::TooManyOps { count, limit: max_ops });
    }
    if manifest.op_count.is_some_and(|n| n != count) {
        return Err(SyncError::Malformed(format!(
            "the manifest announces {} ops, the file holds {count}",
            manifest.op_count.unwrap_or_default()
        )));
    }
    if let Some(e) = invalid {
        return Err(e);
    }
    let signature = signature_line.signature.parse::<Signature>().map_err(|_| SyncError::BadSignature)?;
    signer.verify(&signed_footer(&footer_line), &signature)?;
    Ok(StreamRead { manifest, signer, op_count: count, sha256: digest, trusted })
}
