//! Numbers with a fixed count of decimals (`0.857`, `12.5`), written with
//! integer arithmetic. The standard library's float formatting weighs some
//! 6 KiB of the gzipped page; every number the page shows or places goes
//! through [`fixed`] instead.

/// `value` rounded to `digits` decimals (half away from zero), e.g.
/// `fixed(0.8567, 2)` is `"0.86"`; not-a-number is `"0"` (with its zeros).
pub fn fixed(value: f64, digits: u32) -> String {
    let scale = 10u64.pow(digits);
    // `as` saturates: a value too large to show reads as the largest one.
    let scaled = (value.abs() * scale as f64).round() as u64;
    let sign = if value < 0.0 && scaled != 0 { "-" } else { "" };
    let (whole, fraction) = (scaled / scale, scaled % scale);
    match digits {
        0 => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{fraction:0width$}", width = digits as usize),
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn numbers_are_rounded_like_the_standard_formatting() {
        for (value, digits) in [(0.8567, 2), (0.5, 0), (2.5, 0), (-0.004, 2), (-12.25, 1), (1.0, 3), (67.108864, 0), (0.0, 2), (123.456, 1)]
        {
            let standard = format!("{value:.digits$}", digits = digits as usize);
            let ours = fixed(value, digits);
            // Ties aside (the standard rounds them to even), and without a
            // minus sign on a zero.
            if (value * 10f64.powi(digits as i32)).fract().abs() != 0.5 {
                assert_eq!(ours, if standard == "-0.00" { "0.00".to_owned() } else { standard }, "{value}");
            }
        }
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(-0.004, 2), "0.00");
        assert_eq!(fixed(f64::NAN, 1), "0.0");
        assert_eq!(fixed(1e30, 0), u64::MAX.to_string());
    }
}
