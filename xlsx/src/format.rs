//! A cell's text as the spreadsheet shows it. calamine gives each cell's value and its number
//! format code; this renders the value through the code, for the formats journalists' tables
//! use: `General`, fixed decimals (`0.0`), thousands (`#,##0`), percent (`0.0%`), literal
//! text (`0.0"亿元"`, `¥#,##0`), sections for negatives and zero (`0;(0);"-"`), scaling
//! (`#,##0,`), scientific (`0.00E+00`), and dates and times (`yyyy"年"m"月"`, `yyyy/m/d h:mm`).
//! Numbers round half away from zero on their 15 significant digits, as Excel does.
//! Not rendered (the number is shown as `General` instead): fractions (`# ?/?`); ignored:
//! colours and conditions (`[Red]`, `[>100]`), Chinese numerals (`[DBNum1]`), fill and
//! padding characters (`*`, `_`), and the text section (`@`) of a text cell.

use calamine::ExcelDateTime;

/// The format code to use: the locale-dependent built-in ids (which calamine names
/// `General`) as a Chinese Excel shows them, and the short date (14, 22) as `yyyy/m/d`.
pub fn code(code: &str, id: Option<u32>) -> &str {
    match id {
        Some(14) => "yyyy/m/d",
        Some(22) => "yyyy/m/d h:mm",
        Some(27 | 36 | 50 | 52 | 57) => "yyyy\"年\"m\"月\"",
        Some(28 | 29 | 51 | 53 | 54 | 58) => "m\"月\"d\"日\"",
        Some(30) => "m-d-yy",
        Some(31) => "yyyy\"年\"m\"月\"d\"日\"",
        Some(32) => "h\"时\"mm\"分\"",
        Some(33) => "h\"时\"mm\"分\"ss\"秒\"",
        Some(34 | 55) => "上午/下午h\"时\"mm\"分\"",
        Some(35 | 56) => "上午/下午h\"时\"mm\"分\"ss\"秒\"",
        _ => code,
    }
}

// ---- decimal digits ------------------------------------------------------------------

/// A non-negative number as decimal digits: 0.d₁d₂… × 10^point, no trailing zeros (none: 0).
#[derive(Clone, Debug, PartialEq)]
struct Decimal {
    digits: Vec<u8>,
    point: i32,
}

/// |x| to 15 significant digits (what Excel keeps).
fn decimal(x: f64) -> Decimal {
    let x = x.abs();
    if x == 0.0 || !x.is_finite() {
        return Decimal {
            digits: Vec::new(),
            point: 0,
        };
    }
    let s = format!("{x:.14e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    while digits.last() == Some(&0) {
        digits.pop();
    }
    Decimal {
        digits,
        point: exp + 1,
    }
}

impl Decimal {
    /// Rounded half up to `after` digits after the decimal point (negative: before it).
    fn round(&self, after: i32) -> Decimal {
        let keep = self.point + after;
        if keep < 0 {
            return Decimal {
                digits: Vec::new(),
                point: 0,
            };
        }
        let keep = keep as usize;
        if keep >= self.digits.len() {
            return self.clone();
        }
        let mut digits = self.digits[..keep].to_vec();
        let mut point = self.point;
        if self.digits[keep] >= 5 {
            let mut i = keep;
            loop {
                if i == 0 {
                    digits.insert(0, 1);
                    point += 1;
                    break;
                }
                i -= 1;
                if digits[i] == 9 {
                    digits[i] = 0;
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
        while digits.last() == Some(&0) {
            digits.pop();
        }
        if digits.is_empty() {
            point = 0;
        }
        Decimal { digits, point }
    }

    fn digit(&self, i: i32) -> char {
        if i < 0 {
            return '0';
        }
        self.digits
            .get(i as usize)
            .map_or('0', |d| char::from(b'0' + d))
    }

    /// The integer digits ("" for 0) and exactly `decimals` fraction digits, rounded.
    fn fixed(&self, decimals: usize) -> (String, String) {
        let r = self.round(decimals as i32);
        let int = (0..r.point.max(0)).map(|i| r.digit(i)).collect();
        let frac = (0..decimals as i32).map(|k| r.digit(r.point + k)).collect();
        (int, frac)
    }
}

/// A number in the `General` format: up to 15 significant digits, plain between 1e-9 and
/// 1e15, else as `1.5E+20`.
pub fn general(x: f64) -> String {
    if !x.is_finite() {
        return "#NUM!".into();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let d = decimal(x);
    if d.digits.is_empty() {
        return "0".into();
    }
    if d.point > 15 || d.point < -8 {
        let m: String = d.digits.iter().map(|&b| char::from(b'0' + b)).collect();
        let e = d.point - 1;
        let (head, tail) = m.split_at(1);
        let dot = if tail.is_empty() { "" } else { "." };
        let esign = if e < 0 { '-' } else { '+' };
        return format!("{sign}{head}{dot}{tail}E{esign}{:02}", e.abs());
    }
    let decimals = (d.digits.len() as i32 - d.point).max(0) as usize;
    let (int, frac) = d.fixed(decimals);
    let int = if int.is_empty() { "0".to_string() } else { int };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

// ---- format codes ---------------------------------------------------------------------

/// The code's sections (split at `;` outside quotes and brackets).
fn sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut bracket, mut escaped) = (0, false, false, false);
    for (i, ch) in code.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match ch {
            '\\' | '_' | '*' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Lit(String),
    /// A digit placeholder: `0` (always a digit), `#` (a digit if significant), `?` (a
    /// space if not; shown as nothing here).
    Digit(char),
    Point,
    Comma,
    Percent,
    /// `E+` (true) or `E-`.
    Exp(bool),
    General,
    At,
    // Dates and times.
    Year(usize),
    /// `m` runs: a month, or minutes next to hours or seconds.
    M(usize),
    Day(usize),
    Hour(usize),
    Sec(usize),
    /// Fractions of a second (`.0`, `.00`).
    Millis(usize),
    /// `[h]`, `[m]`, `[s]`: hours, minutes or seconds elapsed.
    Elapsed(char),
    /// `AM/PM` (0), `A/P` (1), `上午/下午` (2).
    AmPm(u8),
    /// `aaa` (一), `aaaa` (星期一): Chinese weekdays.
    Weekday(usize),
}

/// The tokens of one section; None where it holds what is not rendered (fractions).
fn tokens(section: &str, date: bool) -> Option<Vec<Tok>> {
    let chars: Vec<char> = section.chars().collect();
    let mut scan = Scan {
        chars: &chars,
        date,
        point: false,
        out: Vec::new(),
    };
    let mut i = 0;
    while i < chars.len() {
        if !date && chars[i] == '/' {
            return None;
        }
        i += match scan.literal(i) {
            Some(n) => n,
            None => match scan.word(i) {
                Some(n) => n,
                None => scan.part(i),
            },
        };
    }
    Some(scan.out)
}

/// A section being cut into tokens (`out`), for a date or a number.
struct Scan<'a> {
    chars: &'a [char],
    date: bool,
    /// Whether the number's decimal point has been seen.
    point: bool,
    out: Vec<Tok>,
}

impl Scan<'_> {
    /// How many characters from `i` are `c`, in either case.
    fn run(&self, i: usize, c: char) -> usize {
        self.chars[i..]
            .iter()
            .take_while(|x| x.eq_ignore_ascii_case(&c))
            .count()
    }

    /// Whether `word` (in either case) starts at `i`.
    fn starts(&self, i: usize, word: &str) -> bool {
        let w: Vec<char> = word.chars().collect();
        self.chars.len() >= i + w.len()
            && self.chars[i..i + w.len()]
                .iter()
                .zip(&w)
                .all(|(a, b)| a.eq_ignore_ascii_case(b))
    }

    /// Where the first `close` after `i` is (the end if none).
    fn closing(&self, i: usize, close: char) -> usize {
        self.chars[i + 1..]
            .iter()
            .position(|&c| c == close)
            .map_or(self.chars.len(), |p| i + 1 + p)
    }

    /// Quoted text, an escaped character, a padding or fill character, a bracket (a
    /// currency's symbol, elapsed time): how many characters it took.
    fn literal(&mut self, i: usize) -> Option<usize> {
        match self.chars[i] {
            '"' => {
                let end = self.closing(i, '"');
                self.out
                    .push(Tok::Lit(self.chars[i + 1..end].iter().collect()));
                Some(end + 1 - i)
            }
            '\\' => {
                if let Some(&c) = self.chars.get(i + 1) {
                    self.out.push(Tok::Lit(c.to_string()));
                }
                Some(2)
            }
            '_' | '*' => Some(2),
            '[' => {
                let end = self.closing(i, ']');
                let inner: String = self.chars[i + 1..end].iter().collect();
                if let Some(currency) = inner.strip_prefix('$') {
                    let symbol = currency.split('-').next().unwrap_or("");
                    if !symbol.is_empty() {
                        self.out.push(Tok::Lit(symbol.to_string()));
                    }
                } else if self.date
                    && !inner.is_empty()
                    && inner.chars().all(|c| "hHmMsS".contains(c))
                {
                    let unit = inner.chars().next().unwrap_or('h').to_ascii_lowercase();
                    self.out.push(Tok::Elapsed(unit));
                }
                Some(end + 1 - i)
            }
            _ => None,
        }
    }

    /// `General`, and in a date the morning and afternoon markers.
    fn word(&mut self, i: usize) -> Option<usize> {
        let (tok, n) = if self.starts(i, "general") {
            (Tok::General, 7)
        } else if self.date && self.starts(i, "am/pm") {
            (Tok::AmPm(0), 5)
        } else if self.date && self.starts(i, "a/p") {
            (Tok::AmPm(1), 3)
        } else if self.date && self.starts(i, "上午/下午") {
            (Tok::AmPm(2), 5)
        } else {
            return None;
        };
        self.out.push(tok);
        Some(n)
    }

    /// A date's part or a number's, else the character as it is: how many characters it
    /// took.
    fn part(&mut self, i: usize) -> usize {
        let (ch, date) = (self.chars[i], self.date);
        match ch {
            'y' | 'Y' | 'e' | 'E' if date => {
                let n = self.run(i, ch);
                self.out.push(Tok::Year(n));
                n
            }
            'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' | 'a' | 'A' if date => self.date_run(i),
            '.' if date && self.chars.get(i + 1) == Some(&'0') => {
                let n = self.run(i + 1, '0');
                self.out.push(Tok::Millis(n));
                1 + n
            }
            'E' | 'e' if !date && matches!(self.chars.get(i + 1), Some('+' | '-')) => {
                self.out.push(Tok::Exp(self.chars[i + 1] == '+'));
                2
            }
            _ => {
                self.single(ch);
                1
            }
        }
    }

    /// A run of one of a date's letters (month or minutes, day, hour, second, weekday).
    fn date_run(&mut self, i: usize) -> usize {
        let ch = self.chars[i];
        let n = self.run(i, ch);
        if matches!(ch, 'a' | 'A') && n < 3 {
            self.out
                .push(Tok::Lit(self.chars[i..i + n].iter().collect()));
        } else {
            self.out.push(match ch.to_ascii_lowercase() {
                'm' => Tok::M(n),
                'd' => Tok::Day(n),
                'h' => Tok::Hour(n),
                's' => Tok::Sec(n),
                _ => Tok::Weekday(n),
            });
        }
        n
    }

    /// A one-character token: a number's placeholder, point, comma or percent, `@`, or
    /// the character as it is.
    fn single(&mut self, ch: char) {
        let date = self.date;
        let exp = self.out.iter().any(|t| matches!(t, Tok::Exp(_)));
        let tok = match ch {
            '0' | '#' | '?' if !date => Tok::Digit(ch),
            '.' if !date && !self.point && !exp => {
                self.point = true;
                Tok::Point
            }
            ',' if !date => Tok::Comma,
            '%' if !date => Tok::Percent,
            '@' => Tok::At,
            _ => Tok::Lit(ch.to_string()),
        };
        self.out.push(tok);
    }
}

/// `x` through a number format `code`.
pub fn number(x: f64, code: &str) -> String {
    if !x.is_finite() {
        return "#NUM!".into();
    }
    if code.trim().is_empty() {
        return general(x);
    }
    let all = sections(code);
    // Positive; negative (without its sign); zero; text. One section: a minus before.
    let (section, minus) = match (all.len(), x) {
        (n, x) if n >= 2 && x < 0.0 => (all[1], false),
        (n, x) if n >= 3 && x == 0.0 => (all[2], false),
        (_, x) => (all[0], x < 0.0),
    };
    match tokens(section, false) {
        Some(toks) => render(x.abs(), &toks, minus),
        None => general(x),
    }
}

fn is_digit(t: &Tok) -> bool {
    matches!(t, Tok::Digit(_))
}

fn render(x: f64, toks: &[Tok], minus: bool) -> String {
    let percent = toks.iter().filter(|t| **t == Tok::Percent).count() as i32;
    let x = x * 100f64.powi(percent);
    let sign = if minus { "-" } else { "" };
    if toks.contains(&Tok::General) || !toks.iter().any(is_digit) {
        return literals(x, toks, sign);
    }
    let layout = Layout::of(toks);
    let (grouping, scale) = layout.commas(toks);
    let x = x / 1000f64.powi(scale);
    let digits = layout.digits(x, toks, grouping);
    layout.write(toks, &digits, sign, x)
}

/// `General` among literals, or literals alone (`"无"`); `@` shows the number.
fn literals(x: f64, toks: &[Tok], sign: &str) -> String {
    let mut out = sign.to_string();
    for t in toks {
        match t {
            Tok::Lit(s) => out.push_str(s),
            Tok::General | Tok::At => out.push_str(&general(x)),
            Tok::Percent => out.push('%'),
            _ => {}
        }
    }
    out
}

/// Where a number section's parts are: its exponent, its point, its digit placeholders.
struct Layout {
    /// The exponent's token (the section's length without one).
    exp_at: usize,
    /// The point's token (`exp_at` without one).
    point_at: usize,
    int_places: Vec<usize>,
    frac_places: Vec<usize>,
    /// The exponent's `0` placeholders.
    exp_places: usize,
}

/// A number's digits, ready to be set in its placeholders.
struct Digits {
    /// The integer part, zero-padded and grouped as the section says.
    int: String,
    frac: Vec<char>,
    exponent: i32,
}

impl Layout {
    fn of(toks: &[Tok]) -> Layout {
        let exp_at = toks
            .iter()
            .position(|t| matches!(t, Tok::Exp(_)))
            .unwrap_or(toks.len());
        let point_at = toks[..exp_at]
            .iter()
            .position(|t| *t == Tok::Point)
            .unwrap_or(exp_at);
        Layout {
            exp_at,
            point_at,
            int_places: (0..point_at).filter(|&i| is_digit(&toks[i])).collect(),
            frac_places: (point_at..exp_at).filter(|&i| is_digit(&toks[i])).collect(),
            exp_places: toks[exp_at.min(toks.len())..]
                .iter()
                .filter(|t| **t == Tok::Digit('0'))
                .count(),
        }
    }

    /// A comma between integer placeholders groups thousands (true); each after the last
    /// one scales the number down by a thousand (the count).
    fn commas(&self, toks: &[Tok]) -> (bool, i32) {
        let (first_int, last_int) = (
            self.int_places.first().copied(),
            self.int_places.last().copied(),
        );
        let mut grouping = false;
        let mut scale = 0;
        for (i, t) in toks[..self.point_at].iter().enumerate() {
            if *t == Tok::Comma {
                match (first_int, last_int) {
                    (Some(a), Some(b)) if a < i && i < b => grouping = true,
                    (_, Some(b)) if i > b => scale += 1,
                    _ => {}
                }
            }
        }
        (grouping, scale)
    }

    /// `x` rounded to the section's decimals (and, with an exponent, its integer places).
    fn digits(&self, x: f64, toks: &[Tok], grouping: bool) -> Digits {
        let decimals = self.frac_places.len();
        let mut d = decimal(x);
        let mut exponent = 0;
        if self.exp_at < toks.len() && !d.digits.is_empty() {
            let places = self.int_places.len().max(1) as i32;
            d = d.round(places + decimals as i32 - d.point);
            exponent = d.point - places;
            d.point = places;
        }
        let (int, frac) = d.fixed(decimals);
        let zeros = (self.int_places.iter())
            .filter(|&&i| toks[i] == Tok::Digit('0'))
            .count();
        let mut int = format!("{int:0>zeros$}");
        if grouping {
            let digits: Vec<char> = int.chars().collect();
            int = digits
                .iter()
                .enumerate()
                .flat_map(|(i, c)| {
                    let comma = i > 0 && (digits.len() - i) % 3 == 0;
                    comma.then_some(',').into_iter().chain(Some(*c))
                })
                .collect();
        }
        Digits {
            int,
            frac: frac.chars().collect(),
            exponent,
        }
    }

    /// The section with the digits in their placeholders.
    fn write(&self, toks: &[Tok], d: &Digits, sign: &str, x: f64) -> String {
        let mut out = sign.to_string();
        let mut int_done = false;
        let mut k = 0;
        for (i, t) in toks.iter().enumerate() {
            match t {
                Tok::Lit(s) => out.push_str(s),
                // The integer digits at the first integer placeholder; none at the others.
                Tok::Digit(_) if i < self.point_at && !int_done => {
                    out.push_str(&d.int);
                    int_done = true;
                }
                Tok::Digit(_) if i < self.point_at => {}
                Tok::Digit(c) if i < self.exp_at => {
                    let digit = d.frac.get(k).copied().unwrap_or('0');
                    let rest_zero = d.frac[k.min(d.frac.len())..].iter().all(|&f| f == '0');
                    if *c == '0' || !rest_zero {
                        out.push(digit);
                    }
                    k += 1;
                }
                Tok::Digit(_) => {}
                Tok::Point => {
                    if !int_done {
                        out.push_str(&d.int);
                        int_done = true;
                    }
                    out.push('.');
                }
                Tok::Percent => out.push('%'),
                Tok::Exp(plus) => self.exponent(&mut out, d.exponent, *plus),
                Tok::At => out.push_str(&general(x)),
                _ => {}
            }
        }
        out
    }

    /// `E`, the exponent's sign (`+` only if asked for) and its digits.
    fn exponent(&self, out: &mut String, exponent: i32, plus: bool) {
        out.push('E');
        if exponent < 0 {
            out.push('-');
        } else if plus {
            out.push('+');
        }
        let places = self.exp_places.max(1);
        out.push_str(&format!("{:0>places$}", exponent.abs()));
    }
}

// ---- dates ------------------------------------------------------------------------------

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const CN_DAYS: [&str; 7] = ["日", "一", "二", "三", "四", "五", "六"];

/// Day of the week (0 Sunday) of a date of the Gregorian calendar.
fn weekday(y: u16, m: u8, d: u8) -> usize {
    const T: [i64; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let (m, d) = (usize::from(m.clamp(1, 12)), i64::from(d));
    let y = i64::from(y) - i64::from(m < 3);
    ((y + y / 4 - y / 100 + y / 400 + T[m - 1] + d).rem_euclid(7)) as usize
}

/// A date or time through its format code (its first section); without date or time
/// parts in the code, as `2023-12-31` (and ` 08:30:00` when it has a time).
pub fn date(dt: &ExcelDateTime, code: &str) -> String {
    let toks = tokens(sections(code)[0], true).unwrap_or_default();
    if !toks.iter().any(is_part) {
        return unformatted(dt);
    }
    let when = When::of(dt, &toks);
    (0..toks.len()).map(|i| when.text(&toks, i)).collect()
}

/// Whether a date token shows a part of the date or time (not a literal or a marker).
fn is_part(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Year(_)
            | Tok::M(_)
            | Tok::Day(_)
            | Tok::Hour(_)
            | Tok::Sec(_)
            | Tok::Elapsed(_)
            | Tok::Weekday(_)
    )
}

/// A date or time whose code shows none of its parts: a duration as a number, a date
/// as `2023-12-31` (and ` 08:30:00` when it has a time).
fn unformatted(dt: &ExcelDateTime) -> String {
    if dt.is_duration() {
        return general(dt.as_f64());
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    let day = format!("{y:04}-{mo:02}-{d:02}");
    if (h, mi, s) == (0, 0, 0) {
        day
    } else {
        format!("{day} {h:02}:{mi:02}:{s:02}")
    }
}

/// `v` with two digits when the code's run is two or more letters long.
fn pad(v: u32, n: usize) -> String {
    if n >= 2 {
        format!("{v:02}")
    } else {
        v.to_string()
    }
}

/// A date and time, with what its code says of how hours are counted and where its parts
/// are (an `m` is minutes or the month by its neighbours).
struct When {
    serial: f64,
    y: u16,
    mo: u8,
    d: u8,
    h: u8,
    mi: u8,
    s: u8,
    ms: u16,
    /// Hours counted 1–12 (the code has AM/PM).
    twelve: bool,
    /// The tokens that are parts, in order.
    parts: Vec<usize>,
}

impl When {
    fn of(dt: &ExcelDateTime, toks: &[Tok]) -> When {
        let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
        When {
            serial: dt.as_f64(),
            y,
            mo,
            d,
            h,
            mi,
            s,
            ms,
            twelve: toks.iter().any(|t| matches!(t, Tok::AmPm(_))),
            parts: (0..toks.len()).filter(|&i| is_part(&toks[i])).collect(),
        }
    }

    /// What token `i` shows.
    fn text(&self, toks: &[Tok], i: usize) -> String {
        let (y, mo, d) = (self.y, self.mo, self.d);
        match &toks[i] {
            Tok::Lit(l) => l.clone(),
            Tok::Year(n) if *n <= 2 => format!("{:02}", y % 100),
            Tok::Year(_) => format!("{y:04}"),
            Tok::M(n) => self.month_or_minutes(toks, i, *n),
            Tok::Day(n) if *n <= 2 => pad(d.into(), *n),
            Tok::Day(n) => {
                let day = DAYS[weekday(y, mo, d)];
                (if *n == 3 { &day[..3] } else { day }).to_string()
            }
            Tok::Weekday(n) => {
                let day = CN_DAYS[weekday(y, mo, d)];
                if *n == 3 {
                    day.to_string()
                } else {
                    format!("星期{day}")
                }
            }
            Tok::Hour(n) => {
                let h = if self.twelve {
                    (self.h + 11) % 12 + 1
                } else {
                    self.h
                };
                pad(h.into(), *n)
            }
            Tok::Sec(n) => pad(self.s.into(), *n),
            Tok::Millis(n) => format!(".{}", &format!("{:03}", self.ms)[..(*n).min(3)]),
            Tok::Elapsed(unit) => {
                let per_day = match unit {
                    'h' => 24.0,
                    'm' => 1440.0,
                    _ => 86400.0,
                };
                general((self.serial * per_day).floor())
            }
            Tok::AmPm(kind) => am_pm(*kind, self.h < 12).to_string(),
            Tok::General => general(self.serial),
            _ => String::new(),
        }
    }

    /// An `m` run at token `i`: minutes right after hours or right before seconds; else
    /// the month (a number, or its name in full, short or by its initial).
    fn month_or_minutes(&self, toks: &[Tok], i: usize, n: usize) -> String {
        let at = self.parts.iter().position(|&p| p == i).unwrap_or(0);
        let before = at.checked_sub(1).map(|p| &toks[self.parts[p]]);
        let after = self.parts.get(at + 1).map(|&p| &toks[p]);
        let minutes = matches!(before, Some(Tok::Hour(_) | Tok::Elapsed('h')))
            || matches!(after, Some(Tok::Sec(_) | Tok::Elapsed('s')));
        let month = MONTHS[usize::from(self.mo.clamp(1, 12)) - 1];
        match (minutes, n) {
            (true, n) => pad(self.mi.into(), n),
            (false, 1 | 2) => pad(self.mo.into(), n),
            (false, 3) => month[..3].to_string(),
            (false, 4) => month.to_string(),
            (false, _) => month[..1].to_string(),
        }
    }
}

/// The morning or afternoon marker of kind `kind` (AM/PM, A/P, 上午/下午).
fn am_pm(kind: u8, morning: bool) -> &'static str {
    match (kind, morning) {
        (0, true) => "AM",
        (0, false) => "PM",
        (1, true) => "A",
        (1, false) => "P",
        (_, true) => "上午",
        (_, false) => "下午",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn general_numbers() {
        for (x, shown) in [
            (3686.0, "3686"),
            (5.6, "5.6"),
            (0.12, "0.12"),
            (-3.2, "-3.2"),
            (0.1 + 0.2, "0.3"),
            (2023.0, "2023"),
            (0.0, "0"),
            (1e20, "1E+20"),
            (1.5e-12, "1.5E-12"),
            (123456789012345.0, "123456789012345"),
        ] {
            assert_eq!(general(x), shown, "{x}");
        }
    }

    #[test]
    fn number_formats() {
        for (x, code, shown) in [
            (0.12, "0%", "12%"),
            (0.056, "0.0%", "5.6%"),
            (-0.032, "0.0%", "-3.2%"),
            (0.1234, "0.00%", "12.34%"),
            (3000.0, "#,##0", "3,000"),
            (1234567.891, "#,##0.00", "1,234,567.89"),
            (2.675, "0.00", "2.68"),
            (0.5, "0", "1"),
            (18.5, "0.0\"亿美元\"", "18.5亿美元"),
            (9.0, "0\"家\"", "9家"),
            (12000.0, "#,##0\"人\"", "12,000人"),
            (1234.5, "[$¥-804]#,##0.00", "¥1,234.50"),
            (-5.0, "0;(0)", "(5)"),
            (0.0, "0;-0;\"-\"", "-"),
            (3000.0, "#,##0_);[Red](#,##0)", "3,000"),
            (-3000.0, "#,##0_);[Red](#,##0)", "(3,000)"),
            (1_500_000.0, "#,##0,", "1,500"),
            (0.5, "#.##", ".5"),
            (5.0, "#.##", "5."),
            (12345.0, "0.00E+00", "1.23E+04"),
            (0.000123, "0.0E+00", "1.2E-04"),
            (7.0, "General\"个\"", "7个"),
            (0.75, "# ?/?", "0.75"),
            (42.0, "@", "42"),
            (5.0, "\"约\"0\"亿元\"", "约5亿元"),
        ] {
            assert_eq!(number(x, code), shown, "{x} as {code}");
        }
    }

    fn day(serial: f64) -> ExcelDateTime {
        ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false)
    }

    #[test]
    fn dates() {
        // 45291 is 2023-12-31 (a Sunday); .5 is noon.
        for (serial, code, shown) in [
            (45291.0, "yyyy\"年\"m\"月\"", "2023年12月"),
            (45291.0, super::code("General", Some(31)), "2023年12月31日"),
            (45291.0, super::code("mm-dd-yy", Some(14)), "2023/12/31"),
            (
                45291.5,
                super::code("m/d/yy h:mm", Some(22)),
                "2023/12/31 12:00",
            ),
            (45291.0, "yyyy-mm-dd", "2023-12-31"),
            (45291.0, "d-mmm-yy", "31-Dec-23"),
            (45291.0, "dddd", "Sunday"),
            (45291.0, "aaaa", "星期日"),
            (45291.75, "h:mm AM/PM", "6:00 PM"),
            (45291.375, "上午/下午h\"时\"mm\"分\"", "上午9时00分"),
            (45291.0, "General", "2023-12-31"),
        ] {
            assert_eq!(date(&day(serial), code), shown, "{serial} as {code}");
        }
        let long = ExcelDateTime::new(1.25, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(date(&long, "[h]:mm"), "30:00");
    }
}
