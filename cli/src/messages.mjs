// The command's own words in Turkish and English (the SDK localises validation messages itself).

const hex = (byte) => byte.toString(16).toUpperCase().padStart(2, '0');
const named = (encoding) => (encoding.startsWith('utf') ? encoding.toUpperCase() : encoding);

const MESSAGES = {
  en: {
    issue: (row, column, message) => (column ? `row ${row}, column ${column}: ${message}` : `row ${row}: ${message}`),
    notJson: 'is not a JSON object',
    badCsv: (message) => `cannot be read as CSV (${message})`,
    notEncoded: (file, e) => (e.reason === 'nul'
      ? `${file}: line ${e.line}, byte ${e.byte} is a NUL byte: the file looks like UTF-16 without a byte order mark; nothing was sent. Pass --encoding utf-16le`
      : `${file}: line ${e.line}, byte ${e.byte} (0x${hex(e.value)}) is not valid ${named(e.encoding)}; nothing was sent. ${e.encoding === 'utf-8'
        ? 'In Excel, save the file as "CSV UTF-8 (Comma delimited)", or pass --encoding windows-1254 (Excel\'s plain "CSV" on a Turkish Windows)'
        : 'Check --encoding: Excel\'s plain "CSV" on a Turkish Windows is windows-1254, its "Unicode text" is utf-16le'}`),
    badCell: (problem, detail) => ({
      date: `expected a date as YYYY-MM-DD or DD.MM.YYYY (e.g. 1990-03-15 or 15.03.1990)`,
      datetime: `expected a date as YYYY-MM-DD or DD.MM.YYYY, optionally with a time hh:mm[:ss]`,
      error: `the cell holds the spreadsheet error ${detail}`,
    })[problem],
    replacementCharacter: 'contains U+FFFD (\ufffd), the mark of a character lost in an earlier conversion of the file; fix the file first',
    duplicate: (first) => `appears again (first at row ${first}); each row must name another customer`,
    unknownColumn: (column) => `column ${column} is not a documented field; it is sent as it is`,
    summary: (s) => `${s.total} rows: ${s.sent} sent, ${s.skipped} skipped (done before), ${s.invalid} invalid, ${s.failed} failed`,
    failure: (row, id, why) => `row ${row} (${id}): ${why}`,
    unconfirmed: 'no clear answer after several attempts; rerun to settle it',
    nothingToDo: 'every valid row was sent before; nothing to do',
    dryRun: (valid, invalid) => `dry run: ${valid} valid, ${invalid} invalid rows; nothing sent`,
    stopped: 'interrupted',
    interrupted: 'interrupted; the journal is saved, so running the same command again resumes where it stopped',
    journal: (path) => `journal: ${path}`,
    report: (path) => `report: ${path}`,
    exported: (n, where) => `${n} orders exported to ${where}`,
    confirm: 'Place this order? [y/N] ',
    cancelled: 'not placed: not confirmed',
    alreadyPlaced: (id) => `order ${id} was placed before; nothing was sent`,
  },
  tr: {
    issue: (row, column, message) => (column ? `satır ${row}, sütun ${column}: ${message}` : `satır ${row}: ${message}`),
    notJson: 'bir JSON nesnesi değil',
    badCsv: (message) => `CSV olarak okunamıyor (${message})`,
    notEncoded: (file, e) => (e.reason === 'nul'
      ? `${file}: satır ${e.line}, bayt ${e.byte} bir NUL baytı: dosya bayt sırası işareti olmayan UTF-16 gibi görünüyor; hiçbir şey gönderilmedi. --encoding utf-16le verin`
      : `${file}: satır ${e.line}, bayt ${e.byte} (0x${hex(e.value)}) geçerli ${named(e.encoding)} değil; hiçbir şey gönderilmedi. ${e.encoding === 'utf-8'
        ? 'Excel\'de dosyayı "CSV UTF-8 (Virgülle ayrılmış)" olarak kaydedin ya da --encoding windows-1254 verin (Türkçe Windows\'ta Excel\'in düz "CSV" biçimi)'
        : '--encoding değerini denetleyin: Türkçe Windows\'ta Excel\'in düz "CSV" biçimi windows-1254, "Unicode metin" biçimi utf-16le'}`),
    badCell: (problem, detail) => ({
      date: `YYYY-AA-GG ya da GG.AA.YYYY biçiminde bir tarih bekleniyor (örneğin 1990-03-15 ya da 15.03.1990)`,
      datetime: `YYYY-AA-GG ya da GG.AA.YYYY biçiminde, isteğe bağlı olarak ss:dd[:ss] saatiyle bir tarih bekleniyor`,
      error: `hücrede ${detail} hesap tablosu hatası var`,
    })[problem],
    replacementCharacter: 'U+FFFD (\ufffd) içeriyor: dosyanın daha önceki bir dönüştürülmesinde kaybolmuş bir karakterin izi; önce dosyayı düzeltin',
    duplicate: (first) => `tekrar geçiyor (ilk olarak satır ${first}); her satır başka bir müşteriyi belirtmeli`,
    unknownColumn: (column) => `${column} sütunu belgelenmiş bir alan değil; olduğu gibi gönderilir`,
    summary: (s) => `${s.total} satır: ${s.sent} gönderildi, ${s.skipped} atlandı (önceden yapılmış), ${s.invalid} geçersiz, ${s.failed} başarısız`,
    failure: (row, id, why) => `satır ${row} (${id}): ${why}`,
    unconfirmed: 'birkaç denemeden sonra net yanıt yok; netleştirmek için yeniden çalıştırın',
    nothingToDo: 'geçerli satırların hepsi önceden gönderilmiş; yapılacak bir şey yok',
    dryRun: (valid, invalid) => `deneme: ${valid} geçerli, ${invalid} geçersiz satır; hiçbir şey gönderilmedi`,
    stopped: 'kesildi',
    interrupted: 'kesildi; günlük kaydedildi, aynı komut yeniden çalıştırılınca kaldığı yerden devam eder',
    journal: (path) => `günlük: ${path}`,
    report: (path) => `rapor: ${path}`,
    exported: (n, where) => `${n} sipariş dışa aktarıldı: ${where}`,
    confirm: 'Bu sipariş verilsin mi? [e/H] ',
    cancelled: 'verilmedi: onaylanmadı',
    alreadyPlaced: (id) => `${id} siparişi önceden verilmiş; hiçbir şey gönderilmedi`,
  },
};

export function text(lang) {
  return MESSAGES[lang] ?? MESSAGES.tr;
}

/** Whether an answer to the confirmation prompt means yes, in either language. */
export function isYes(answer) {
  return /^(y|yes|e|evet)$/i.test(answer.trim());
}
