/* folio — the presentation catalogue (folio/present.h): one row per language
 * holds everything a format prints around the article. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "folio/present.h"

typedef struct lang_row {
	const char *tag;
	const char *text[FOLIO_TEXT_COUNT];
	const char *by_many; /* "By" for several authors where the language inflects it */
	const char *last;    /* before the last author: " and " */
	const char *sep;     /* between authors without credentials: ", " */
	const char *sep_cred; /* between authors when any has credentials: "; " */
	const char *cred;    /* between a name and its credentials: ", " */
	const char *date;    /* %d day, %m month number, %B month name, %Y year,
	                        %E the year of the Buddhist era (Thai: 2024 → 2567) */
	const char *page_of; /* %p page, %n pages */
	const char *months[12];
	int rtl;
	/* Quotation marks (CLDR's delimiters): outer open and close, inner open
	 * and close; pad goes between a mark and the words it encloses (French
	 * sets « » off by a narrow no-break space that keeps them on the line). */
	const char *quotes[4];
	const char *quote_pad;
} lang_row;

/* clang-format off */
static const lang_row rows[] = {
    {"en",
     {"By", "References", "Read this online", "Contact us", "Your next appointment", "Date",
      "Time", "With", "Notes", "Disclaimer", "Key points", "When to call us", "Links", "Image",
      "English version", "Phone", "E-mail", ": "},
     NULL, " and ", ", ", "; ", ", ", "%d %B %Y", "Page %p of %n",
     {"January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"}, 0,
     {"“", "”", "‘", "’"}, ""},
    {"fr",
     {"Par", "Références", "Lire en ligne", "Nous joindre", "Votre prochain rendez-vous", "Date",
      "Heure", "Avec", "Notes", "Avertissement", "Points clés", "Quand nous appeler", "Liens",
      "Image", "Version française", "Téléphone", "Courriel", "\u00a0: "},
     NULL, " et ", ", ", "; ", ", ", "%d %B %Y", "Page %p sur %n",
     {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
      "octobre", "novembre", "décembre"}, 0,
     {"«", "»", "«", "»"}, "\u202f"},
    {"es",
     {"Por", "Referencias", "Léalo en línea", "Contáctenos", "Su próxima cita", "Fecha", "Hora",
      "Con", "Notas", "Aviso", "Puntos clave", "Cuándo llamarnos", "Enlaces", "Imagen",
      "Versión en español", "Teléfono", "Correo electrónico", ": "},
     NULL, " y ", ", ", "; ", ", ", "%d de %B de %Y", "Página %p de %n",
     {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
      "octubre", "noviembre", "diciembre"}, 0,
     {"«", "»", "“", "”"}, ""},
    {"de",
     {"Von", "Literatur", "Online lesen", "Kontakt", "Ihr nächster Termin", "Datum", "Uhrzeit",
      "Bei", "Notizen", "Haftungsausschluss", "Das Wichtigste", "Wann Sie uns anrufen sollten",
      "Links", "Bild", "Deutsche Fassung", "Telefon", "E-Mail", ": "},
     NULL, " und ", ", ", "; ", ", ", "%d. %B %Y", "Seite %p von %n",
     {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
      "Oktober", "November", "Dezember"}, 0,
     {"„", "“", "‚", "‘"}, ""},
    {"zh-Hans",
     {"作者：", "参考文献", "在线阅读", "联系我们", "您的下次预约", "日期", "时间", "接诊人员",
      "备注", "免责声明", "要点", "何时联系我们", "链接", "图片", "简体中文版", "电话",
      "电子邮件", "："},
     NULL, "和", "、", "；", ", ", "%Y年%m月%d日", "第 %p 页，共 %n 页",
     {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}, 0,
     {"“", "”", "‘", "’"}, ""},
    {"zh-Hant",
     {"作者：", "參考文獻", "線上閱讀", "聯絡我們", "您的下次預約", "日期", "時間", "診治人員",
      "備註", "免責聲明", "重點", "何時聯絡我們", "連結", "圖片", "繁體中文版", "電話",
      "電子郵件", "："},
     NULL, "和", "、", "；", ", ", "%Y年%m月%d日", "第 %p 頁，共 %n 頁",
     {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}, 0,
     {"「", "」", "『", "』"}, ""},
    {"vi",
     {"Tác giả:", "Tài liệu tham khảo", "Đọc trực tuyến", "Liên hệ", "Lịch hẹn tiếp theo",
      "Ngày", "Giờ", "Với", "Ghi chú", "Tuyên bố miễn trừ trách nhiệm", "Những điểm chính",
      "Khi nào cần gọi cho chúng tôi", "Liên kết", "Hình ảnh", "Bản tiếng Việt", "Điện thoại",
      "Email", ": "},
     NULL, " và ", ", ", "; ", ", ", "%d tháng %m, %Y", "Trang %p/%n",
     {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}, 0,
     {"“", "”", "‘", "’"}, ""},
    {"tl",
     {"Ni", "Mga sanggunian", "Basahin online", "Makipag-ugnayan sa amin",
      "Ang susunod ninyong appointment", "Petsa", "Oras", "Kasama", "Mga tala", "Paalala",
      "Mahahalagang punto", "Kailan kami tatawagan", "Mga link", "Larawan",
      "Bersyon sa Tagalog", "Telepono", "Email", ": "},
     NULL, " at ", ", ", "; ", ", ", "%B %d, %Y", "Pahina %p ng %n",
     {"Enero", "Pebrero", "Marso", "Abril", "Mayo", "Hunyo", "Hulyo", "Agosto", "Setyembre",
      "Oktubre", "Nobyembre", "Disyembre"}, 0,
     {"“", "”", "‘", "’"}, ""},
    {"ko",
     {"글쓴이:", "참고 문헌", "온라인으로 읽기", "문의처", "다음 예약", "날짜", "시간", "담당자",
      "메모", "면책 조항", "핵심 요약", "이럴 때 연락하세요", "링크", "이미지", "한국어판",
      "전화", "이메일", ": "},
     NULL, " 및 ", ", ", "; ", ", ", "%Y년 %m월 %d일", "%p / %n 페이지",
     {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}, 0,
     {"“", "”", "‘", "’"}, ""},
    {"ru",
     {"Автор:", "Источники", "Читать онлайн", "Контакты", "Ваш следующий приём", "Дата",
      "Время", "Специалист", "Заметки", "Отказ от ответственности", "Главное",
      "Когда нам звонить", "Ссылки", "Изображение", "Версия на русском", "Телефон",
      "Эл. почта", ": "},
     "Авторы:", " и ", ", ", "; ", ", ", "%d %B %Y г.", "Страница %p из %n",
     {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
      "октября", "ноября", "декабря"}, 0,
     {"«", "»", "„", "“"}, ""},
    {"el",
     {"Από", "Βιβλιογραφία", "Διαβάστε το στο διαδίκτυο", "Επικοινωνία",
      "Το επόμενο ραντεβού σας", "Ημερομηνία", "Ώρα", "Με", "Σημειώσεις", "Αποποίηση ευθύνης",
      "Βασικά σημεία", "Πότε να μας καλέσετε", "Σύνδεσμοι", "Εικόνα", "Ελληνική έκδοση",
      "Τηλέφωνο", "Email", ": "},
     NULL, " και ", ", ", "; ", ", ", "%d %B %Y", "Σελίδα %p από %n",
     {"Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου", "Ιουλίου",
      "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου"}, 0,
     {"«", "»", "“", "”"}, ""},
    {"ar",
     {"بقلم", "المراجع", "اقرأ على الإنترنت", "اتصل بنا", "موعدك القادم", "التاريخ", "الوقت",
      "مع", "ملاحظات", "إخلاء المسؤولية", "النقاط الرئيسية", "متى تتصل بنا", "روابط", "صورة",
      "النسخة العربية", "الهاتف", "البريد الإلكتروني", ": "},
     NULL, " و", "، ", "؛ ", "، ", "%d %B %Y", "صفحة %p من %n",
     {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
      "أكتوبر", "نوفمبر", "ديسمبر"}, 1,
     {"”", "“", "’", "‘"}, ""},
    {"ht",
     {"Pa", "Referans", "Li sa sou entènèt", "Kontakte nou", "Pwochen randevou ou", "Dat", "Lè",
      "Avèk", "Nòt", "Avètisman", "Pwen esansyèl", "Kilè pou rele nou", "Lyen", "Imaj",
      "Vèsyon an kreyòl", "Telefòn", "Imèl", ": "},
     NULL, " ak ", ", ", "; ", ", ", "%d %B %Y", "Paj %p sou %n",
     {"janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm", "oktòb",
      "novanm", "desanm"}, 0,
     {"«", "»", "«", "»"}, "\u202f"},
    {"pt",
     {"Por", "Referências", "Leia on-line", "Fale conosco", "Sua próxima consulta", "Data",
      "Horário", "Com", "Anotações", "Aviso legal", "Pontos principais", "Quando nos ligar",
      "Links", "Imagem", "Versão em português", "Telefone", "E-mail", ": "},
     NULL, " e ", ", ", "; ", ", ", "%d de %B de %Y", "Página %p de %n",
     {"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
      "outubro", "novembro", "dezembro"}, 0,
     {"“", "”", "‘", "’"}, ""},
    {"pl",
     {"Autor:", "Bibliografia", "Czytaj online", "Kontakt", "Następna wizyta", "Data",
      "Godzina", "Specjalista", "Notatki", "Zastrzeżenie", "Najważniejsze informacje",
      "Kiedy do nas dzwonić", "Linki", "Obraz", "Wersja polska", "Telefon", "E-mail", ": "},
     "Autorzy:", " i ", ", ", "; ", ", ", "%d %B %Y r.", "Strona %p z %n",
     {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
      "września", "października", "listopada", "grudnia"}, 0,
     {"„", "”", "«", "»"}, ""},
    {"hi",
     {"लेखक:", "संदर्भ", "ऑनलाइन पढ़ें", "संपर्क करें", "आपकी अगली मुलाक़ात", "तारीख़", "समय",
      "किसके साथ", "नोट्स", "अस्वीकरण", "मुख्य बातें", "हमें कब फ़ोन करें", "लिंक", "चित्र",
      "हिंदी संस्करण", "फ़ोन", "ईमेल", ": "},
     NULL, " और ", ", ", "; ", ", ", "%d %B %Y", "पृष्ठ %p / %n",
     {"जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्तूबर",
      "नवंबर", "दिसंबर"}, 0,
     {"“", "”", "‘", "’"}, ""},
    {"pa",
     {"ਲੇਖਕ:", "ਹਵਾਲੇ", "ਔਨਲਾਈਨ ਪੜ੍ਹੋ", "ਸੰਪਰਕ ਕਰੋ", "ਤੁਹਾਡੀ ਅਗਲੀ ਮੁਲਾਕਾਤ", "ਤਾਰੀਖ", "ਸਮਾਂ",
      "ਕਿਸ ਨਾਲ", "ਨੋਟਸ", "ਬੇਦਾਅਵਾ", "ਮੁੱਖ ਗੱਲਾਂ", "ਸਾਨੂੰ ਕਦੋਂ ਫ਼ੋਨ ਕਰਨਾ ਹੈ", "ਲਿੰਕ", "ਤਸਵੀਰ",
      "ਪੰਜਾਬੀ ਸੰਸਕਰਣ", "ਫ਼ੋਨ", "ਈਮੇਲ", ": "},
     NULL, " ਅਤੇ ", ", ", "; ", ", ", "%d %B %Y", "ਪੰਨਾ %p / %n",
     {"ਜਨਵਰੀ", "ਫ਼ਰਵਰੀ", "ਮਾਰਚ", "ਅਪ੍ਰੈਲ", "ਮਈ", "ਜੂਨ", "ਜੁਲਾਈ", "ਅਗਸਤ", "ਸਤੰਬਰ", "ਅਕਤੂਬਰ",
      "ਨਵੰਬਰ", "ਦਸੰਬਰ"}, 0,
     {"“", "”", "‘", "’"}, ""},
    {"ja",
     {"著者：", "参考文献", "オンラインで読む", "お問い合わせ", "次回のご予約", "日付", "時間",
      "担当", "メモ", "免責事項", "要点", "こんなときはご連絡ください", "リンク", "画像",
      "日本語版", "電話", "メール", "："},
     NULL, "、", "、", "；", ", ", "%Y年%m月%d日", "%p / %n ページ",
     {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}, 0,
     {"「", "」", "『", "』"}, ""},
    {"fa",
     {"نویسنده:", "منابع", "آنلاین بخوانید", "تماس با ما", "نوبت بعدی شما", "تاریخ", "ساعت",
      "با", "یادداشت‌ها", "سلب مسئولیت", "نکات کلیدی", "چه زمانی با ما تماس بگیرید",
      "پیوندها", "تصویر", "نسخهٔ فارسی", "تلفن", "ایمیل", ": "},
     "نویسندگان:", " و ", "، ", "؛ ", "، ", "%d %B %Y", "صفحهٔ %p از %n",
     {"ژانویهٔ", "فوریهٔ", "مارس", "آوریل", "مهٔ", "ژوئن", "ژوئیهٔ", "اوت", "سپتامبر", "اکتبر",
      "نوامبر", "دسامبر"}, 1,
     {"«", "»", "‹", "›"}, ""},
    {"he",
     {"מאת", "מקורות", "לקריאה באינטרנט", "צרו קשר", "התור הבא שלך", "תאריך", "שעה", "עם",
      "הערות", "הבהרה", "עיקרי הדברים", "מתי להתקשר אלינו", "קישורים", "תמונה", "גרסה בעברית",
      "טלפון", "דוא״ל", ": "},
     NULL, " ו", ", ", "; ", ", ", "%d ב%B %Y", "עמוד %p מתוך %n",
     {"ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר",
      "נובמבר", "דצמבר"}, 1,
     {"”", "”", "’", "’"}, ""},
    {"th",
     {"โดย", "เอกสารอ้างอิง", "อ่านออนไลน์", "ติดต่อเรา", "นัดหมายครั้งต่อไปของคุณ", "วันที่",
      "เวลา", "กับ", "บันทึก", "ข้อจำกัดความรับผิดชอบ", "ประเด็นสำคัญ", "เมื่อใดควรโทรหาเรา",
      "ลิงก์", "รูปภาพ", "ฉบับภาษาไทย", "โทรศัพท์", "อีเมล", ": "},
     NULL, " และ ", ", ", "; ", ", ", "%d %B พ.ศ. %E", "หน้า %p จาก %n",
     {"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
      "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"}, 0,
     {"“", "”", "‘", "’"}, ""},
};
/* clang-format on */
#define ROW_COUNT (sizeof rows / sizeof rows[0])

/* Right-to-left languages with no row of their own still get their direction. */
static const char *const rtl_langs[] = {"ar", "fa", "he", "iw", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"};

static int tag_eq(const char *a, size_t n, const char *b)
{
	if (strlen(b) != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int ca = a[i] == '_' ? '-' : tolower((unsigned char)a[i]);
		if (ca != tolower((unsigned char)b[i]))
			return 0;
	}
	return 1;
}

static const lang_row *find_row(const char *lang, int *exact)
{
	size_t n = lang ? strlen(lang) : 0;

	if (exact)
		*exact = 0;
	while (n > 0) {
		for (size_t i = 0; i < ROW_COUNT; i++)
			if (tag_eq(lang, n, rows[i].tag)) {
				if (exact)
					*exact = 1;
				return &rows[i];
			}
		if (n >= 2 && tag_eq(lang, 2, "zh")) {
			/* Chinese by region or script when no row matched the whole tag. */
			static const char *const hant[] = {"zh-tw", "zh-hk", "zh-mo", "zh-hant"};
			int trad = 0;
			for (size_t k = 0; k < 4; k++) {
				size_t kl = strlen(hant[k]);
				if (n >= kl && tag_eq(lang, kl, hant[k]) && (n == kl || lang[kl] == '-' ||
				                                              lang[kl] == '_'))
					trad = 1;
			}
			return find_row(trad ? "zh-Hant" : "zh-Hans", exact);
		}
		if (tag_eq(lang, n, "fil"))
			return find_row("tl", exact);
		while (n > 0 && lang[n - 1] != '-' && lang[n - 1] != '_')
			n--;
		if (n > 0)
			n--; /* the separator */
	}
	return &rows[0];
}

const char *folio_present_lang(const char *lang)
{
	return find_row(lang, NULL)->tag;
}

int folio_present_has_lang(const char *lang)
{
	int exact;
	find_row(lang, &exact);
	return exact;
}

const char *folio_present_dir(const char *lang)
{
	size_t n = lang ? strcspn(lang, "-_") : 0;
	for (size_t i = 0; i < sizeof rtl_langs / sizeof rtl_langs[0]; i++)
		if (n > 0 && tag_eq(lang, n, rtl_langs[i]))
			return "rtl";
	return "ltr";
}

const char *folio_present_quote(const char *lang, folio_quote_mark mark)
{
	if ((unsigned)mark >= FOLIO_QUOTE_MARK_COUNT)
		return "";
	const lang_row *r = find_row(lang, NULL);
	return mark == FOLIO_QUOTE_PAD ? r->quote_pad : r->quotes[mark];
}

const char *folio_text(const char *lang, folio_text_key key)
{
	if ((unsigned)key >= FOLIO_TEXT_COUNT)
		return "";
	const char *s = find_row(lang, NULL)->text[key];
	return s ? s : rows[0].text[key];
}

/* An snprintf-like writer that keeps counting past the end of out. */
typedef struct out_t {
	char *p;
	size_t n, len;
} out_t;

static void put(out_t *o, const char *s, size_t len)
{
	if (o->len < o->n) {
		size_t room = o->n - 1 - o->len;
		memcpy(o->p + o->len, s, len < room ? len : room);
	}
	o->len += len;
	if (o->n > 0)
		o->p[o->len < o->n ? o->len : o->n - 1] = '\0';
}

static void puts_(out_t *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_int(out_t *o, int v)
{
	char d[16];
	int k = snprintf(d, sizeof d, "%d", v);
	put(o, d, (size_t)k);
}

static out_t out_init(char *p, size_t n)
{
	out_t o = {p, n, 0};
	if (n > 0)
		p[0] = '\0';
	return o;
}

size_t folio_present_page_of(const char *lang, int page, int pages, char *out, size_t n)
{
	out_t o = out_init(out, n);
	for (const char *f = find_row(lang, NULL)->page_of; *f; f++) {
		if (f[0] == '%' && (f[1] == 'p' || f[1] == 'n')) {
			put_int(&o, *++f == 'p' ? page : pages);
			continue;
		}
		put(&o, f, 1);
	}
	return o.len;
}

static int two_digits(const char *s)
{
	return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) ? (s[0] - '0') * 10 +
	                                                                          (s[1] - '0')
	                                                                    : -1;
}

size_t folio_present_date(const char *lang, const char *iso, char *out, size_t n)
{
	out_t o = out_init(out, n);
	int y = 0, m, d;

	if (iso == NULL)
		return 0;
	for (int i = 0; i < 4; i++)
		y = isdigit((unsigned char)iso[i]) ? y * 10 + (iso[i] - '0') : -1000000;
	if (y < 0 || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-' ||
	    (m = two_digits(iso + 5)) < 1 || m > 12 || (d = two_digits(iso + 8)) < 1 || d > 31) {
		puts_(&o, iso);
		return o.len;
	}
	const lang_row *r = find_row(lang, NULL);
	for (const char *f = r->date; *f; f++) {
		if (f[0] != '%' || f[1] == '\0') {
			put(&o, f, 1);
			continue;
		}
		switch (*++f) {
		case 'd': put_int(&o, d); break;
		case 'm': put_int(&o, m); break;
		case 'Y': put_int(&o, y); break;
		case 'E': put_int(&o, y + 543); break; /* the Buddhist era (Thai) */
		case 'B': puts_(&o, r->months[m - 1]); break;
		default: put(&o, f - 1, 2); break;
		}
	}
	return o.len;
}

/* Spanish writes "e" for "y" before a word starting with the sound /i/
 * ("Ana e Isabel"), but not before "hie" ("y Hierro"). */
static const char *spanish_and(const char *next)
{
	const unsigned char *s = (const unsigned char *)next;
	if (s == NULL)
		return " y ";
	if ((s[0] | 32) == 'h')
		s++;
	if (((s[0] | 32) == 'i' && (s[1] | 32) != 'e' && !((s[1] | 32) == 'a' || (s[1] | 32) == 'o')) ||
	    (s[0] == 0xC3 && (s[1] == 0x8D || s[1] == 0xAD))) /* Í í */
		return " e ";
	return " y ";
}

size_t folio_present_byline(const folio_doc *doc, const char *lang, int with_by, char *out,
                            size_t n)
{
	out_t o = out_init(out, n);
	size_t na = doc ? folio_doc_author_count(doc) : 0;
	const lang_row *r = find_row(lang, NULL);
	int creds = 0;

	if (na == 0)
		return 0;
	for (size_t i = 0; i < na; i++) {
		const char *c = folio_doc_author_credentials(doc, i);
		creds |= c != NULL && c[0] != '\0';
	}
	if (with_by) {
		const char *by = na > 1 && r->by_many ? r->by_many : r->text[FOLIO_TEXT_BY];
		size_t bl = strlen(by);
		puts_(&o, by);
		/* A full-width colon carries its own space. */
		if (!(bl >= 3 && strcmp(by + bl - 3, "\xEF\xBC\x9A") == 0))
			puts_(&o, " ");
	}
	for (size_t i = 0; i < na; i++) {
		const char *name = folio_doc_author_name(doc, i);
		const char *c = folio_doc_author_credentials(doc, i);
		if (i > 0 && i + 1 == na)
			puts_(&o, strcmp(r->tag, "es") == 0 ? spanish_and(name) : r->last);
		else if (i > 0)
			puts_(&o, creds ? r->sep_cred : r->sep);
		puts_(&o, name ? name : "");
		if (c != NULL && c[0] != '\0') {
			puts_(&o, r->cred);
			puts_(&o, c);
		}
	}
	return o.len;
}

static int prefix_ci(const char *s, const char *p)
{
	return strncasecmp(s, p, strlen(p)) == 0;
}

size_t folio_present_doi_url(const char *doi, char *out, size_t n)
{
	out_t o = out_init(out, n);
	static const char *const pre[] = {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
	                                  "http://dx.doi.org/", "doi.org/", "doi:"};
	if (doi == NULL)
		return 0;
	while (*doi == ' ')
		doi++;
	for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
		if (prefix_ci(doi, pre[i])) {
			doi += strlen(pre[i]);
			break;
		}
	while (*doi == ' ')
		doi++;
	puts_(&o, "https://doi.org/");
	puts_(&o, doi);
	return o.len;
}

size_t folio_present_url(const char *url, char *out, size_t n)
{
	out_t o = out_init(out, n);
	size_t len;
	if (url == NULL)
		return 0;
	if (prefix_ci(url, "https://"))
		url += 8;
	else if (prefix_ci(url, "http://"))
		url += 7;
	if (prefix_ci(url, "www."))
		url += 4;
	len = strlen(url);
	if (len > 1 && url[len - 1] == '/')
		len--;
	put(&o, url, len);
	return o.len;
}
