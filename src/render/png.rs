//! RGBA pixels as a PNG file, and as a `data:` URL an SVG `<image>` can hold: enough of PNG
//! for the figures' raster layers, with no dependency. Each row is written with PNG's "Sub"
//! filter (a byte minus the one a pixel before it), so a flat colour becomes runs of zeros;
//! the deflate stream finds repeats with one hash slot per three bytes and codes them with
//! deflate's fixed Huffman codes (RFC 1951 §3.2.6).

/// Repeats are looked for this far back (deflate's window).
const WINDOW: usize = 32768;
/// The longest repeat deflate codes.
const LONGEST: usize = 258;
/// Bits of the hash of three bytes.
const HASH_BITS: u32 = 15;

/// Deflate's length codes 257… : the least length of each, and its extra bits.
const LENGTHS: [(u16, u8); 29] = [
    (3, 0),
    (4, 0),
    (5, 0),
    (6, 0),
    (7, 0),
    (8, 0),
    (9, 0),
    (10, 0),
    (11, 1),
    (13, 1),
    (15, 1),
    (17, 1),
    (19, 2),
    (23, 2),
    (27, 2),
    (31, 2),
    (35, 3),
    (43, 3),
    (51, 3),
    (59, 3),
    (67, 4),
    (83, 4),
    (99, 4),
    (115, 4),
    (131, 5),
    (163, 5),
    (195, 5),
    (227, 5),
    (258, 0),
];
/// Deflate's distance codes 0… : the least distance of each, and its extra bits.
const DISTANCES: [(u16, u8); 30] = [
    (1, 0),
    (2, 0),
    (3, 0),
    (4, 0),
    (5, 1),
    (7, 1),
    (9, 2),
    (13, 2),
    (17, 3),
    (25, 3),
    (33, 4),
    (49, 4),
    (65, 5),
    (97, 5),
    (129, 6),
    (193, 6),
    (257, 7),
    (385, 7),
    (513, 8),
    (769, 8),
    (1025, 9),
    (1537, 9),
    (2049, 10),
    (3073, 10),
    (4097, 11),
    (6145, 11),
    (8193, 12),
    (12289, 12),
    (16385, 13),
    (24577, 13),
];

/// Bits written least significant first, as deflate packs them.
struct Bits {
    out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, n: u32) {
        self.acc |= value << self.n;
        self.n += n;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code of `n` bits, which deflate writes most significant bit first.
    fn code(&mut self, code: u32, n: u32) {
        self.put(code.reverse_bits() >> (32 - n), n);
    }

    /// Symbol `sym` (0–287) of the fixed literal/length code.
    fn symbol(&mut self, sym: u32) {
        match sym {
            0..=143 => self.code(0x30 + sym, 8),
            144..=255 => self.code(0x190 + sym - 144, 9),
            256..=279 => self.code(sym - 256, 7),
            _ => self.code(0xc0 + sym - 280, 8),
        }
    }

    /// A repeat of `len` bytes from `dist` back.
    fn repeat(&mut self, len: usize, dist: usize) {
        let k = LENGTHS
            .iter()
            .rposition(|&(l, _)| l as usize <= len)
            .unwrap_or(0);
        let (base, extra) = LENGTHS[k];
        self.symbol(257 + k as u32);
        self.put((len - base as usize) as u32, u32::from(extra));
        let k = DISTANCES
            .iter()
            .rposition(|&(d, _)| d as usize <= dist)
            .unwrap_or(0);
        let (base, extra) = DISTANCES[k];
        self.code(k as u32, 5);
        self.put((dist - base as usize) as u32, u32::from(extra));
    }
}

/// `data` as one deflate block with the fixed codes.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut bits = Bits {
        out: Vec::with_capacity(data.len() / 4 + 16),
        acc: 0,
        n: 0,
    };
    // The last block, coded with the fixed codes.
    bits.put(1, 1);
    bits.put(1, 2);
    let mut last = vec![usize::MAX; 1 << HASH_BITS];
    let hash = |i: usize| {
        let v = u32::from(data[i]) | u32::from(data[i + 1]) << 8 | u32::from(data[i + 2]) << 16;
        (v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
    };
    let mut i = 0;
    while i < data.len() {
        let mut len = 0;
        let mut dist = 0;
        if i + 3 <= data.len() {
            let h = hash(i);
            let j = last[h];
            last[h] = i;
            if j != usize::MAX && i - j <= WINDOW {
                let most = LONGEST.min(data.len() - i);
                while len < most && data[j + len] == data[i + len] {
                    len += 1;
                }
                dist = i - j;
            }
        }
        if len >= 3 {
            bits.repeat(len, dist);
            // The positions inside the repeat are remembered too, for later repeats.
            for k in i + 1..(i + len).min(data.len().saturating_sub(2)) {
                last[hash(k)] = k;
            }
            i += len;
        } else {
            bits.symbol(u32::from(data[i]));
            i += 1;
        }
    }
    bits.symbol(256);
    bits.put(0, 7);
    bits.out
}

/// The CRC-32 PNG's chunks end with.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                0xEDB8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The Adler-32 checksum a zlib stream ends with.
fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in bytes.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    b << 16 | a
}

/// Appends a PNG chunk.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// `rgba` (`w` × `h` pixels, four bytes each, row by row) as a PNG file.
pub fn png(rgba: &[u8], (w, h): (usize, usize)) -> Vec<u8> {
    let stride = w * 4;
    let mut rows = Vec::with_capacity((stride + 1) * h);
    for row in rgba.chunks_exact(stride.max(1)).take(h) {
        rows.push(1); // Sub
        for k in 0..stride {
            let before = if k >= 4 { row[k - 4] } else { 0 };
            rows.push(row[k].wrapping_sub(before));
        }
    }
    let mut z = vec![0x78, 0x01];
    z.extend(deflate(&rows));
    z.extend_from_slice(&adler32(&rows).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut head = Vec::with_capacity(13);
    head.extend_from_slice(&(w as u32).to_be_bytes());
    head.extend_from_slice(&(h as u32).to_be_bytes());
    head.extend_from_slice(&[8, 6, 0, 0, 0]); // 8 bits, RGBA, deflate, no interlace
    chunk(&mut out, b"IHDR", &head);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// `bytes` in base64 (RFC 4648, with padding).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let b = [
            group[0],
            *group.get(1).unwrap_or(&0),
            *group.get(2).unwrap_or(&0),
        ];
        let v = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for k in 0..4 {
            if k <= group.len() {
                out.push(ABC[(v >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `rgba` as a `data:` URL of a PNG.
pub fn data_url(rgba: &[u8], size: (usize, usize)) -> String {
    format!("data:image/png;base64,{}", base64(&png(rgba, size)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inflates a zlib stream with a small reference decoder of the fixed-code blocks this
    /// module writes (stored and dynamic blocks are not needed).
    fn inflate(z: &[u8]) -> Vec<u8> {
        assert_eq!(&z[..2], &[0x78, 0x01]);
        let data = &z[2..z.len() - 4];
        let mut pos = 0usize;
        let bit = |pos: &mut usize| {
            let b = (data[*pos / 8] >> (*pos % 8)) & 1;
            *pos += 1;
            u32::from(b)
        };
        let bits = |pos: &mut usize, n: u32| (0..n).fold(0, |v, k| v | bit(pos) << k);
        let code = |pos: &mut usize, n: u32| (0..n).fold(0, |v, _| v << 1 | bit(pos));
        assert_eq!(bits(&mut pos, 3), 0b011, "one final block of fixed codes");
        let mut out: Vec<u8> = Vec::new();
        loop {
            let mut c = code(&mut pos, 7);
            let sym = if c <= 0x17 {
                c + 256
            } else {
                c = c << 1 | bit(&mut pos);
                if (0x30..=0xbf).contains(&c) {
                    c - 0x30
                } else if (0xc0..=0xc7).contains(&c) {
                    c - 0xc0 + 280
                } else {
                    (c << 1 | bit(&mut pos)) - 0x190 + 144
                }
            };
            match sym {
                0..=255 => out.push(sym as u8),
                256 => break,
                _ => {
                    let (base, extra) = LENGTHS[(sym - 257) as usize];
                    let len = base as usize + bits(&mut pos, u32::from(extra)) as usize;
                    let (base, extra) = DISTANCES[code(&mut pos, 5) as usize];
                    let dist = base as usize + bits(&mut pos, u32::from(extra)) as usize;
                    for _ in 0..len {
                        out.push(out[out.len() - dist]);
                    }
                }
            }
        }
        assert_eq!(
            u32::from_be_bytes(z[z.len() - 4..].try_into().unwrap()),
            adler32(&out)
        );
        out
    }

    #[test]
    fn deflate_round_trips_runs_repeats_and_noise() {
        let mut noise = 12345u32;
        let mut data: Vec<u8> = (0..3000)
            .map(|_| {
                noise = noise.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (noise >> 16) as u8
            })
            .collect();
        data.extend(std::iter::repeat_n(7u8, 1000));
        data.extend_from_within(100..900);
        data.extend(b"ab");
        let mut z = vec![0x78, 0x01];
        z.extend(deflate(&data));
        z.extend_from_slice(&adler32(&data).to_be_bytes());
        assert_eq!(inflate(&z), data);
        // The run and the repeat cost next to nothing.
        assert!(z.len() < 3000 + 300, "{}", z.len());
    }

    #[test]
    fn a_flat_image_compresses_and_decodes_to_its_pixels() {
        let (w, h) = (40, 30);
        let mut rgba = [10u8, 200, 30, 255].repeat(w * h);
        rgba[(5 * w + 7) * 4] = 99;
        let file = png(&rgba, (w, h));
        assert_eq!(&file[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&file[12..16], b"IHDR");
        assert_eq!(
            u32::from_be_bytes(file[16..20].try_into().unwrap()),
            w as u32
        );
        assert_eq!(
            u32::from_be_bytes(file[20..24].try_into().unwrap()),
            h as u32
        );
        assert_eq!(file[24..29], [8, 6, 0, 0, 0]);
        assert_eq!(
            crc32(&file[12..29]),
            u32::from_be_bytes(file[29..33].try_into().unwrap())
        );
        let n = u32::from_be_bytes(file[33..37].try_into().unwrap()) as usize;
        assert_eq!(&file[37..41], b"IDAT");
        let rows = inflate(&file[41..41 + n]);
        // Undo the Sub filter and compare.
        let mut back = Vec::new();
        for row in rows.chunks(w * 4 + 1) {
            assert_eq!(row[0], 1);
            let start = back.len();
            for k in 0..w * 4 {
                let before = if k >= 4 { back[start + k - 4] } else { 0u8 };
                back.push(row[k + 1].wrapping_add(before));
            }
        }
        assert_eq!(back, rgba);
        assert!(
            file.len() < 300,
            "4,800 bytes of pixels take {}",
            file.len()
        );
        assert!(file.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]));
    }

    #[test]
    fn base64_matches_rfc_4648() {
        for (raw, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw.as_bytes()), coded);
        }
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    /// `n` bytes of noise from `seed`.
    fn noise(seed: u32, n: usize) -> Vec<u8> {
        let mut v = seed;
        (0..n)
            .map(|_| {
                v = v.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (v >> 16) as u8
            })
            .collect()
    }

    /// `data` through deflate and the reference inflate.
    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut z = vec![0x78, 0x01];
        z.extend(deflate(data));
        z.extend_from_slice(&adler32(data).to_be_bytes());
        assert_eq!(inflate(&z), data);
        z
    }

    #[test]
    fn repeats_farther_back_than_the_window_are_not_referred_to() {
        // A block seen 33,000 bytes before, out of deflate's reach: it must be written out
        // again, and the stream must still decode to the bytes.
        let block = noise(1, 1000);
        let mut data = block.clone();
        data.extend(noise(2, WINDOW));
        data.extend(&block);
        let z = zlib(&data);
        assert!(z.len() > data.len(), "noise cannot shrink: {}", z.len());
    }

    #[test]
    fn long_inputs_still_find_their_repeats() {
        // 40,000 zeros: a run deflate codes in a few bytes per 258, however far into the data.
        let z = zlib(&vec![0u8; 40_000]);
        assert!(z.len() < 40_000 / 258 * 3 + 20, "{}", z.len());
        // A repeat of what itself came as a repeat is found where the first copy is out of
        // reach: the positions inside a repeat are remembered.
        let block = noise(3, 2000);
        let mut data = block.clone();
        data.extend(&block);
        data.extend(vec![9u8; 29_500]);
        data.extend_from_slice(&block[101..1901]);
        let z = zlib(&data);
        assert!(z.len() < 2000 + 600, "{}", z.len());
        // Three-byte patterns that differ only in their first two bytes are told apart: the
        // second copy of 256 of them is found whole.
        let once: Vec<u8> = (0..=255u8).flat_map(|k| [k, 255 - k, 7]).collect();
        let z = zlib(&once.repeat(2));
        assert!(z.len() < once.len() + 100, "{} for {}", z.len(), once.len());
        // Every three bytes count in telling repeats apart: after a block come three copies
        // of it with every third byte changed (at each of the three places), so each run of
        // three in them differs from the block's in one byte only. The block's repeat at the
        // end is still found whole.
        let block = noise(5, 1000);
        let mut data = block.clone();
        for m in 0..3 {
            data.extend(block.iter().enumerate().map(
                |(k, &b)| {
                    if k % 3 == m {
                        b ^ 0x80
                    } else {
                        b
                    }
                },
            ));
        }
        data.extend(&block);
        let z = zlib(&data);
        assert!(z.len() < 4 * 1000 + 400, "{}", z.len());
    }

    #[test]
    fn adler_keeps_its_sums_below_65521_over_long_inputs() {
        // The definition, one byte at a time in wide numbers.
        let reference = |bytes: &[u8]| {
            let (mut a, mut b) = (1u64, 0u64);
            for &x in bytes {
                a = (a + u64::from(x)) % 65521;
                b = (b + a) % 65521;
            }
            (b << 16 | a) as u32
        };
        for data in [
            vec![255u8; 20_000],
            noise(4, 12_345),
            vec![1u8; 5552 * 2 + 7],
        ] {
            assert_eq!(adler32(&data), reference(&data));
        }
    }

    #[test]
    fn crc_and_adler_match_known_values() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }
}
