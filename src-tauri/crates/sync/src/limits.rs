//! How large an export file may be. A file over a limit is refused before it is decrypted in
//! full: its size on disk is checked before it is read, the size the age header announces
//! before the content is decrypted, the op count the manifest announces as soon as the first
//! line is decrypted, and the op count of the content before a single op is parsed (2.x) or
//! kept (3.x).
//!
//! Format 3.0 compresses the plaintext (zstd, see `content`): [`Limits::max_file_bytes`] then
//! bounds the file on disk and, separately, the decompressed plaintext as it is read (the bound
//! a 2.x plaintext had), so a small file that decompresses to gigabytes is refused as too large
//! once it passes the limit, without being decompressed further.
//!
//! Why these numbers (see also the README, "Sync between laptops"): the merge benchmark models
//! a coordinator's volume as 1,000,000 ops arriving in 200 files, 5,000 ops or about 1.8 MB
//! each; an op takes 365 bytes on average in a file (demo data: 57,021 ops in 20.8 MB). 256 MiB
//! is some 140 times such a file and holds about 740,000 real ops: a return file carrying the
//! whole store of a large organisation. 2,000,000 ops is twice the benchmarked store; an op
//! needs well over 128 bytes, so for files of real ops the size limit is met first, and the op
//! limit is what refuses a file from its manifest alone. Peak memory of a 2.x import grows with
//! the file (91 MB for that 20.8 MB file): about 1 GB at the limit, where a file of 10 million
//! tiny ops needed 10.8 GB and 40 minutes before. A 3.0 import holds neither the file nor its
//! plaintext, only the verified ops for the merge (README: the file benchmark).

/// The largest export file imported, in bytes (256 MiB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The most ops one export file may carry.
pub const MAX_OPS: u64 = 2_000_000;

/// The limits an import applies; [`Limits::DEFAULT`] in the app and the CLI (tests use smaller
/// ones to stay fast).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_ops: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits { max_file_bytes: MAX_FILE_BYTES, max_ops: MAX_OPS };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}
