//! A minimal ZIP writer (stored, uncompressed entries) so that a
//! many-file export such as brat's arrives as one download.
//!
//! Layout per PKWARE's APPNOTE: a local header and the data for each file,
//! then the central directory and its end record. Names are UTF-8 (flag bit
//! 11); sizes stay below 4 GiB, so no ZIP64 records are needed.

use super::OutputFile;

/// The files as one ZIP archive.
pub fn store(files: &[OutputFile]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for file in files {
        let (name, data) = (file.name.as_bytes(), file.contents.as_bytes());
        let crc = crc32(data);
        let offset = out.len() as u32;
        // Version 2.0, UTF-8 names, stored, no timestamp.
        let common = |buf: &mut Vec<u8>| {
            for v in [20u16, 1 << 11, 0, 0, 0x21] {
                buf.extend_from_slice(&v.to_le_bytes());
            }
            for v in [crc, data.len() as u32, data.len() as u32] {
                buf.extend_from_slice(&v.to_le_bytes());
            }
            buf.extend_from_slice(&(name.len() as u16).to_le_bytes());
            buf.extend_from_slice(&0u16.to_le_bytes());
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name);
        out.extend_from_slice(data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        common(&mut central);
        for v in [0u16, 0, 0] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let (central_offset, central_len) = (out.len() as u32, central.len() as u32);
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, files.len() as u16, files.len() as u16] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// CRC-32 (IEEE 802.3), as ZIP requires.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn archive_lists_each_file_with_its_bytes() {
        let files = [
            OutputFile { name: "a.txt".into(), contents: "Di Bali 💩".into() },
            OutputFile { name: "a.ann".into(), contents: "T1\tLOCATION 3 7\tBali\n".into() },
        ];
        let zip = store(&files);
        assert_eq!(&zip[..4], b"PK\x03\x04");
        let end = zip.len() - 22;
        assert_eq!(&zip[end..end + 4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([zip[end + 10], zip[end + 11]]), 2);
        let text = String::from_utf8_lossy(&zip);
        assert!(text.contains("Di Bali 💩") && text.contains("T1\tLOCATION 3 7\tBali"));
    }
}
