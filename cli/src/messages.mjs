// The command's own words in Turkish and English (the SDK localises validation messages itself).

const MESSAGES = {
  en: {
    issue: (row, column, message) => (column ? `row ${row}, column ${column}: ${message}` : `row ${row}: ${message}`),
    notJson: 'is not a JSON object',
    badCsv: (message) => `cannot be read as CSV (${message})`,
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
