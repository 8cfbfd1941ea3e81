"""Demo data: the City of Heinola (from its public page, ../shared/seed/) and one invented municipality.

Texts are given per language; a language left out falls back to Finnish. The staff names are
invented; the public page's roles (immigration coordinator, integration counselor) are real.
"""

from __future__ import annotations

from datetime import time

T = dict[str, str]  # language code -> text

DEMO_PASSWORD = "kotopolku-demo-2026"

HEINOLA: dict = {
    "slug": "heinola",
    "name": {
        "fi": "Heinola",
        "sv": "Heinola",
        "en": "Heinola",
        "ar": "هاينولا",
        "fa": "هاینولا",
        "ru": "Хейнола",
        "uk": "Гейнола",
        "so": "Heinola",
    },
    "unit_name": {
        "fi": "Kotoutumispalvelut",
        "sv": "Integrationstjänster",
        "en": "Integration services",
        "ar": "خدمات الاندماج",
        "fa": "خدمات ادغام",
        "ru": "Служба интеграции",
        "uk": "Служба інтеграції",
        "so": "Adeegyada is-dhexgalka",
    },
    "intro": {
        "fi": "Kotoutumisen työntekijöiltä voi saada neuvontaa ja ohjausta kaikki heinolalaiset "
        "maahan muuttaneet. "
        "Työntekijöitä on kaksi: maahanmuuttokoordinaattori ja kotouttamisohjaaja. "
        "Asiakastapaamiset ajanvarauksella.",
        "sv": "Alla invandrare som bor i Heinola kan få råd och handledning av integrationsarbetarna. "
        "Det finns två arbetare: invandrarkoordinatorn och integrationshandledaren. "
        "Möten enligt tidsbokning.",
        "en": "All immigrants who live in Heinola can get advice and guidance from the integration workers. "
        "There are two workers: the immigration coordinator and the integration counselor. "
        "Meetings are by appointment.",
        "ar": "يمكن لجميع المهاجرين الذين يعيشون في هاينولا الحصول على المشورة والإرشاد "
        "من موظفي الاندماج. "
        "لدينا موظفان: منسق الهجرة ومرشد الاندماج. "
        "اللقاءات بموعد مسبق.",
        "fa": "همه مهاجرانی که در هاینولا زندگی می‌کنند می‌توانند از کارکنان بخش ادغام "
        "مشاوره و راهنمایی بگیرند. "
        "ما دو کارمند داریم: هماهنگ‌کننده مهاجرت و راهنمای ادغام. "
        "ملاقات‌ها با وقت قبلی است.",
        "ru": "Все иммигранты, которые живут в Хейноле, могут получить консультацию и помощь "
        "у сотрудников службы интеграции. "
        "У нас два сотрудника: координатор по вопросам иммиграции и консультант по интеграции. "
        "Встречи проходят по предварительной записи.",
        "uk": "Усі іммігранти, які живуть у Гейнолі, можуть отримати консультацію та допомогу "
        "від працівників служби інтеграції. "
        "У нас два працівники: координатор з питань імміграції та консультант з питань інтеграції. "
        "Зустрічі відбуваються за попереднім записом.",
        "so": "Dhammaan soo-galootiga ku nool Heinola waxay talo iyo hagid ka heli karaan "
        "shaqaalaha is-dhexgalka. "
        "Waxaa jira laba shaqaale: isuduwaha socdaalka iyo hagaha is-dhexgalka. "
        "Kulanka waxaa loo baahan yahay ballan.",
    },
    "booking_instructions": {
        "fi": "Varaa aika soittamalla tai lähettämällä sähköpostia. "
        "Kerro, millä kielellä haluat asioida ja tarvitsetko tulkkia.",
        "sv": "Boka en tid per telefon eller e-post. "
        "Berätta vilket språk du vill använda och om du behöver en tolk.",
        "en": "Book a time by phone or email. "
        "Tell us which language you want to use and whether you need an interpreter.",
        "ar": "احجز موعدًا بالاتصال بنا أو بإرسال بريد إلكتروني. "
        "أخبرنا باللغة التي تريد استخدامها، وهل تحتاج إلى مترجم فوري.",
        "fa": "برای گرفتن وقت، با ما تماس بگیرید یا ایمیل بفرستید. "
        "بگویید به چه زبانی می‌خواهید صحبت کنید و آیا به مترجم نیاز دارید.",
        "ru": "Запишитесь на приём по телефону или по электронной почте. "
        "Сообщите, на каком языке вы хотите общаться и нужен ли вам переводчик.",
        "uk": "Запишіться на прийом телефоном або електронною поштою. "
        "Повідомте, якою мовою ви хочете спілкуватися і чи потрібен вам перекладач.",
        "so": "Ballan qabso adigoo na soo wacaya ama noo soo diraya iimayl. "
        "Noo sheeg luqadda aad rabto inaad isticmaasho iyo haddii aad u baahan tahay turjubaan.",
    },
    "contact_phone": "+358 3 000 0000",
    "contact_email": "kotoutuminen@heinola.example",
    "accessibility_feedback_email": "saavutettavuus@heinola.example",
    "accessibility_statement": {
        "fi": "Emme tiedä tällä hetkellä saavutettavuuden puutteista. "
        "Jos löydät sellaisen, kerro meille palautelomakkeella.",
        "sv": "Vi känner inte till några brister i tillgängligheten för närvarande. "
        "Om du hittar en, berätta det för oss med responsformuläret.",
        "en": "We do not know of any accessibility problems at the moment. "
        "If you find one, please tell us with the feedback form.",
        "ar": "لا نعرف حاليًا عن أي مشكلات في إمكانية الوصول. "
        "إذا وجدت مشكلة، فأخبرنا من خلال نموذج الملاحظات.",
        "fa": "در حال حاضر از هیچ مشکلی در دسترس‌پذیری خبر نداریم. "
        "اگر مشکلی پیدا کردید، از طریق فرم بازخورد به ما اطلاع دهید.",
        "ru": "Сейчас мы не знаем о проблемах с доступностью. "
        "Если вы найдёте такую проблему, сообщите нам через форму обратной связи.",
        "uk": "Наразі ми не знаємо про проблеми з доступністю. "
        "Якщо ви знайдете таку проблему, повідомте нам через форму зворотного зв’язку.",
        "so": "Hadda ma ogin wax dhibaato ah oo ku jira helitaanka iyo isticmaalka bogga. "
        "Haddii aad mid aragto, fadlan noogu sheeg foomka jawaab-celinta.",
    },
    "places": [
        {
            "key": "heimo",
            "name": {
                "fi": "HeiMo-kahvila",
                "sv": "HeiMo-kaféet",
                "en": "HeiMo café",
                "ar": "مقهى HeiMo",
                "fa": "کافه HeiMo",
                "ru": "Кафе HeiMo",
                "uk": "Кафе HeiMo",
                "so": "Maqaaxida HeiMo",
            },
            "street_address": "Kaivokatu 14",
            "postal_code": "18100",
            "city": "Heinola",
            "description": {
                "fi": "Jyränkölän HeiMo-kahvila on kaupungin monikulttuurinen kohtaamispaikka.",
                "sv": "HeiMo-kaféet i Jyränkölä är stadens mångkulturella mötesplats.",
                "en": "HeiMo café in Jyränkölä is the city's multicultural meeting place.",
                "ar": "مقهى HeiMo في حي Jyränkölä هو مكان لقاء متعدد الثقافات في المدينة.",
                "fa": "کافه HeiMo در محله Jyränkölä محل دیدار چندفرهنگی شهر است.",
                "ru": "Кафе HeiMo в районе Jyränkölä — место встреч для людей разных культур в городе.",
                "uk": "Кафе HeiMo в районі Jyränkölä — місце зустрічей для людей різних культур у місті.",
                "so": "Maqaaxida HeiMo ee xaafadda Jyränkölä waa goobta kulanka dhaqamada kala duwan "
                "ee magaalada.",
            },
        },
        {
            "key": "office",
            "name": {
                "fi": "Kotoutumispalvelujen toimisto",
                "sv": "Integrationstjänsternas kontor",
                "en": "Integration services office",
                "ar": "مكتب خدمات الاندماج",
                "fa": "دفتر خدمات ادغام",
                "ru": "Офис службы интеграции",
                "uk": "Офіс служби інтеграції",
                "so": "Xafiiska adeegyada is-dhexgalka",
            },
            "street_address": "Rauhankatu 3",
            "postal_code": "18100",
            "city": "Heinola",
            "description": {
                "fi": "Tapaamiset ajanvarauksella.",
                "sv": "Möten enligt tidsbokning.",
                "en": "Meetings by appointment.",
                "ar": "اللقاءات بموعد مسبق.",
                "fa": "ملاقات‌ها با وقت قبلی است.",
                "ru": "Встречи по предварительной записи.",
                "uk": "Зустрічі за попереднім записом.",
                "so": "Kulanka waxaa loo baahan yahay ballan.",
            },
        },
    ],
    "dropin": [
        {
            "staff": ["ohjaaja"],
            "place": "heimo",
            "weekday": 1,
            "start": time(12, 15),
            "end": time(13, 0),
            "note": {
                "fi": "Kotouttamisohjaaja päivystää. Voit tulla ilman ajanvarausta.",
                "sv": "Integrationshandledaren har jour. Du kan komma utan tidsbokning.",
                "en": "The integration counselor is on duty. You can come without an appointment.",
                "ar": "مرشد الاندماج موجود لاستقبالك. يمكنك الحضور دون موعد مسبق.",
                "fa": "راهنمای ادغام اینجا حضور دارد. می‌توانید بدون وقت قبلی بیایید.",
                "ru": "Консультант по интеграции ведёт приём. Можно прийти без записи.",
                "uk": "Консультант з питань інтеграції веде прийом. Можна прийти без запису.",
                "so": "Hagaha is-dhexgalka ayaa halkan jooga. Waad iman kartaa adigoon ballan lahayn.",
            },
        },
    ],
    "services": [
        {
            "type": "initial_phase",
            "duration": 60,
            "name": {
                "fi": "Kotoutumisen alkuvaihe",
                "sv": "Integrationens inledande skede",
                "en": "Starting your life in Heinola",
                "ar": "بداية حياتك في هاينولا",
                "fa": "شروع زندگی در هاینولا",
                "ru": "Начало жизни в Хейноле",
                "uk": "Початок життя в Гейнолі",
                "so": "Bilowga noloshaada Heinola",
            },
            "description": {
                "fi": "Autamme alkuvaiheen järjestelyissä, kun olet juuri muuttanut Heinolaan.",
                "sv": "Vi hjälper dig med det praktiska när du just har flyttat till Heinola.",
                "en": "We help you with the first arrangements when you have just moved to Heinola.",
                "ar": "نساعدك في الترتيبات الأولى عندما تنتقل حديثًا إلى هاينولا.",
                "fa": "وقتی تازه به هاینولا آمده‌اید، در کارهای اولیه به شما کمک می‌کنیم.",
                "ru": "Мы поможем с первыми делами, если вы только что переехали в Хейнолу.",
                "uk": "Ми допоможемо з першими справами, коли ви щойно переїхали до Гейноли.",
                "so": "Waxaan kaa caawinnaa arrimaha ugu horreeya marka aad dhowaan u soo guurtay Heinola.",
            },
        },
        {
            "type": "quota_reception",
            "duration": 60,
            "bookable": False,
            "name": {
                "fi": "Kiintiöpakolaisten vastaanotto",
                "sv": "Mottagande av kvotflyktingar",
                "en": "Reception of quota refugees",
                "ar": "استقبال لاجئي الحصة",
                "fa": "پذیرش پناهندگان سهمیه‌ای",
                "ru": "Приём беженцев по квоте",
                "uk": "Прийом біженців за квотою",
                "so": "Soo dhaweynta qaxootiga kootada",
            },
            "description": {
                "fi": "Järjestämme kiintiöpakolaisten vastaanoton: asunnon, rekisteröinnit "
                "ja ensimmäiset viikot kaupungissa.",
                "sv": "Vi ordnar mottagandet av kvotflyktingar: bostad, registreringar "
                "och de första veckorna i staden.",
                "en": "We arrange the reception of quota refugees: housing, registrations "
                "and the first weeks in town.",
                "ar": "ننظّم استقبال لاجئي الحصة: السكن والتسجيلات والأسابيع الأولى في المدينة.",
                "fa": "ما پذیرش پناهندگان سهمیه‌ای را سازمان می‌دهیم: مسکن، ثبت‌نام‌ها و هفته‌های اول در شهر.",
                "ru": "Мы организуем приём беженцев по квоте: жильё, регистрацию и первые недели в городе.",
                "uk": "Ми організовуємо прийом біженців за квотою: житло, реєстрацію та перші тижні в місті.",
                "so": "Waxaan abaabulnaa soo dhaweynta qaxootiga kootada: guri, diiwaangelinta "
                "iyo toddobaadyada ugu horreeya ee magaalada.",
            },
        },
        {
            "type": "guidance",
            "duration": 45,
            "name": {
                "fi": "Arjen tuki, opastus ja neuvonta",
                "sv": "Stöd, handledning och råd i vardagen",
                "en": "Everyday support, guidance and advice",
                "ar": "الدعم والإرشاد والمشورة في الحياة اليومية",
                "fa": "پشتیبانی، راهنمایی و مشاوره در زندگی روزمره",
                "ru": "Поддержка, помощь и консультации в повседневной жизни",
                "uk": "Підтримка, допомога та консультації в повсякденному житті",
                "so": "Taageero, hagid iyo talo nolosha maalinlaha ah",
            },
            "description": {
                "fi": "Neuvomme arjen asioissa, esimerkiksi kun olet saanut kirjeen, jota et ymmärrä.",
                "sv": "Vi ger råd i vardagliga frågor, till exempel när du har fått ett brev "
                "som du inte förstår.",
                "en": "We give advice in everyday matters, for example when you have received a letter "
                "you do not understand.",
                "ar": "نقدّم لك المشورة في أمور الحياة اليومية، مثلًا عندما تصلك رسالة لا تفهمها.",
                "fa": "در کارهای روزمره به شما مشاوره می‌دهیم، مثلاً وقتی نامه‌ای گرفته‌اید که آن را نمی‌فهمید.",
                "ru": "Мы консультируем по повседневным вопросам, например, если вы получили письмо "
                "и не понимаете его.",
                "uk": "Ми консультуємо з повсякденних питань, наприклад, якщо ви отримали лист "
                "і не розумієте його.",
                "so": "Waxaan ku siinnaa talo ku saabsan arrimaha nolosha maalinlaha ah, "
                "tusaale ahaan marka aad hesho warqad aadan fahmin.",
            },
        },
        {
            "type": "permits",
            "duration": 45,
            "name": {
                "fi": "Oleskelulupa- ja kansalaisuusasiat",
                "sv": "Uppehållstillstånd och medborgarskap",
                "en": "Residence permit and citizenship",
                "ar": "تصريح الإقامة والجنسية",
                "fa": "اجازه اقامت و تابعیت",
                "ru": "Вид на жительство и гражданство",
                "uk": "Дозвіл на проживання та громадянство",
                "so": "Ruqsadda deganaanshaha iyo dhalashada",
            },
            "description": {
                "fi": "Neuvomme ja autamme oleskelulupaan ja kansalaisuuteen liittyvissä asioissa.",
                "sv": "Vi ger råd och hjälper dig i frågor om uppehållstillstånd och medborgarskap.",
                "en": "We give advice and help with residence permits and citizenship.",
                "ar": "نقدّم المشورة والمساعدة في أمور تصريح الإقامة والجنسية.",
                "fa": "در موضوعات مربوط به اجازه اقامت و تابعیت به شما مشاوره و کمک می‌دهیم.",
                "ru": "Мы консультируем и помогаем в вопросах вида на жительство и гражданства.",
                "uk": "Ми консультуємо та допомагаємо в питаннях дозволу на проживання та громадянства.",
                "so": "Waxaan kula talinnaa oo kaa caawinnaa arrimaha ruqsadda deganaanshaha iyo dhalashada.",
            },
        },
        {
            "type": "hobbies",
            "duration": 30,
            "name": {
                "fi": "Apua harrastuksen löytämiseen",
                "sv": "Hjälp att hitta en hobby",
                "en": "Help with finding a hobby",
                "ar": "المساعدة في إيجاد هواية",
                "fa": "کمک برای پیدا کردن سرگرمی",
                "ru": "Помощь в поиске хобби",
                "uk": "Допомога в пошуку хобі",
                "so": "Caawimaad si aad u hesho hiwaayad",
            },
            "description": {
                "fi": "Kotouttamisohjaaja auttaa sinua löytämään harrastuksen ja pääsemään mukaan.",
                "sv": "Integrationshandledaren hjälper dig att hitta en hobby och komma med.",
                "en": "The integration counselor helps you find a hobby and join in.",
                "ar": "يساعدك مرشد الاندماج في إيجاد هواية والانضمام إليها.",
                "fa": "راهنمای ادغام به شما کمک می‌کند یک سرگرمی پیدا کنید و در آن شرکت کنید.",
                "ru": "Консультант по интеграции поможет вам найти хобби и начать заниматься.",
                "uk": "Консультант з питань інтеграції допоможе вам знайти хобі та долучитися до занять.",
                "so": "Hagaha is-dhexgalka ayaa kaa caawinaya inaad hesho hiwaayad oo aad ku biirto.",
            },
        },
    ],
    "staff": [
        {
            "username": "koordinaattori",
            "first_name": "Helmi",
            "last_name": "Virtanen",
            "role": "coordinator",
            "public": True,
            "job_title": {
                "fi": "maahanmuuttokoordinaattori",
                "sv": "invandrarkoordinator",
                "en": "immigration coordinator",
                "ar": "منسق الهجرة (maahanmuuttokoordinaattori)",
                "fa": "هماهنگ‌کننده مهاجرت (maahanmuuttokoordinaattori)",
                "ru": "координатор по вопросам иммиграции (maahanmuuttokoordinaattori)",
                "uk": "координатор з питань імміграції (maahanmuuttokoordinaattori)",
                "so": "isuduwaha socdaalka (maahanmuuttokoordinaattori)",
            },
        },
        {
            "username": "ohjaaja",
            "first_name": "Aino",
            "last_name": "Laine",
            "role": "counselor",
            "public": True,
            "job_title": {
                "fi": "kotouttamisohjaaja",
                "sv": "integrationshandledare",
                "en": "integration counselor",
                "ar": "مرشد الاندماج (kotouttamisohjaaja)",
                "fa": "راهنمای ادغام (kotouttamisohjaaja)",
                "ru": "консультант по интеграции (kotouttamisohjaaja)",
                "uk": "консультант з питань інтеграції (kotouttamisohjaaja)",
                "so": "hagaha is-dhexgalka (kotouttamisohjaaja)",
            },
        },
        {
            "username": "raportointi",
            "first_name": "Raili",
            "last_name": "Raportti",
            "role": "reporting",
            "public": False,
            "job_title": {
                "fi": "talouspäällikkö",
                "sv": "ekonomichef",
                "en": "finance manager",
                "ar": "مدير الشؤون المالية (talouspäällikkö)",
                "fa": "مدیر مالی (talouspäällikkö)",
                "ru": "начальник финансового отдела (talouspäällikkö)",
                "uk": "начальник фінансового відділу (talouspäällikkö)",
                "so": "maamulaha maaliyadda (talouspäällikkö)",
            },
        },
    ],
}

JARVELA: dict = {
    "slug": "jarvela",
    "name": {
        "fi": "Järvelä (esimerkkikunta)",
        "sv": "Järvelä (exempelkommun)",
        "en": "Järvelä (example municipality)",
        "ar": "يارفيلا (بلدية افتراضية للمثال)",
        "fa": "یارولا (شهرداری نمونه)",
        "ru": "Ярвеля (пример муниципалитета)",
        "uk": "Ярвеля (приклад громади)",
        "so": "Järvelä (degmo tusaale ah)",
    },
    "unit_name": {
        "fi": "Maahanmuuttajapalvelut",
        "sv": "Invandrartjänster",
        "en": "Immigrant services",
        "ar": "خدمات المهاجرين",
        "fa": "خدمات مهاجران",
        "ru": "Услуги для иммигрантов",
        "uk": "Послуги для іммігрантів",
        "so": "Adeegyada soo-galootiga",
    },
    "intro": {
        "fi": "Keksitty esimerkkikunta, joka näyttää, että kunnat ovat samassa palvelussa "
        "toisistaan erillään.",
        "sv": "En påhittad exempelkommun som visar att kommunerna i samma tjänst är åtskilda.",
        "en": "An invented example municipality that shows that municipalities on one installation "
        "are kept apart.",
        "ar": "بلدية افتراضية للمثال. تُظهر أن البلديات في الخدمة نفسها منفصلة بعضها عن بعض.",
        "fa": "یک شهرداری نمونه و ساختگی. نشان می‌دهد که شهرداری‌ها در یک سامانه از هم جدا هستند.",
        "ru": "Вымышленный муниципалитет для примера. "
        "Он показывает, что муниципалитеты в одном сервисе отделены друг от друга.",
        "uk": "Вигадана громада для прикладу. "
        "Вона показує, що громади в одному сервісі відокремлені одна від одної.",
        "so": "Degmo tusaale ah oo la sameeyay. "
        "Waxay muujinaysaa in degmooyinka ku jira isla adeegga ay kala go'an yihiin.",
    },
    "booking_instructions": {
        "fi": "Soita neuvontaan arkisin klo 9–15.",
        "sv": "Ring rådgivningen vardagar kl. 9–15.",
        "en": "Call the advice line on weekdays 9–15.",
        "ar": "اتصل بخدمة الاستعلامات من الاثنين إلى الجمعة، من الساعة 9 إلى الساعة 15.",
        "fa": "در روزهای کاری از ساعت 9 تا 15 با بخش راهنمایی تماس بگیرید.",
        "ru": "Звоните в справочную службу по будним дням с 9 до 15 часов.",
        "uk": "Телефонуйте до довідкової служби в робочі дні з 9 до 15 години.",
        "so": "Wac xafiiska talo-bixinta maalmaha shaqada, saacadda 9 ilaa 15.",
    },
    "contact_phone": "+358 40 000 0000",
    "contact_email": "neuvonta@jarvela.example",
    "accessibility_feedback_email": "",
    "accessibility_statement": {},
    "places": [
        {
            "key": "library",
            "name": {
                "fi": "Järvelän kirjasto",
                "sv": "Järvelä bibliotek",
                "en": "Järvelä library",
                "ar": "مكتبة يارفيلا",
                "fa": "کتابخانه یارولا",
                "ru": "Библиотека Ярвеля",
                "uk": "Бібліотека Ярвеля",
                "so": "Maktabadda Järvelä",
            },
            "street_address": "Kirjastotie 1",
            "postal_code": "99999",
            "city": "Järvelä",
            "description": {},
        },
    ],
    "dropin": [
        {
            "staff": ["jarvela-ohjaaja"],
            "place": "library",
            "weekday": 3,
            "start": time(10, 0),
            "end": time(12, 0),
            "note": {},
        },
    ],
    "services": [
        {
            "type": "guidance",
            "duration": 45,
            "name": {
                "fi": "Neuvonta ja ohjaus",
                "sv": "Rådgivning och handledning",
                "en": "Advice and guidance",
                "ar": "المشورة والإرشاد",
                "fa": "مشاوره و راهنمایی",
                "ru": "Консультации и помощь",
                "uk": "Консультації та допомога",
                "so": "Talo-bixin iyo hagid",
            },
            "description": {},
        },
    ],
    "staff": [
        {
            "username": "jarvela-koordinaattori",
            "first_name": "Juhani",
            "last_name": "Järvinen",
            "role": "coordinator",
            "public": True,
            "job_title": {
                "fi": "kotoutumiskoordinaattori",
                "sv": "integrationskoordinator",
                "en": "integration coordinator",
                "ar": "منسق الاندماج (kotoutumiskoordinaattori)",
                "fa": "هماهنگ‌کننده ادغام (kotoutumiskoordinaattori)",
                "ru": "координатор по интеграции (kotoutumiskoordinaattori)",
                "uk": "координатор з питань інтеграції (kotoutumiskoordinaattori)",
                "so": "isuduwaha is-dhexgalka (kotoutumiskoordinaattori)",
            },
        },
        {
            "username": "jarvela-ohjaaja",
            "first_name": "Sanna",
            "last_name": "Saarinen",
            "role": "counselor",
            "public": False,
            "job_title": {},
        },
    ],
}

# In demo mode (not in tests) this municipality also gets an extra drop-in session open right now.
DEMO_OPEN_DROPIN_SLUG = "heinola"
# Waiting in that open session's queue: (language, topic, needs an interpreter). No names.
DEMO_DROPIN_QUEUE = [("ar", "letter", True), ("uk", "housing", False), ("fi", "kela", False)]

# Bookable weekly hours of the demo staff: (username, weekday, start, end, mode, place key or None).
WORKING_HOURS = {
    "heinola": [
        ("ohjaaja", 0, time(9, 0), time(15, 0), "in_person", "office"),
        ("ohjaaja", 1, time(9, 0), time(11, 30), "phone", None),
        ("ohjaaja", 2, time(9, 0), time(15, 0), "in_person", "office"),
        ("ohjaaja", 3, time(12, 0), time(15, 0), "video", None),
        ("koordinaattori", 0, time(10, 0), time(14, 0), "in_person", "office"),
        ("koordinaattori", 2, time(9, 0), time(12, 0), "phone", None),
        ("koordinaattori", 4, time(9, 0), time(12, 0), "in_person", "office"),
    ],
    "jarvela": [
        ("jarvela-ohjaaja", 0, time(9, 0), time(12, 0), "in_person", "library"),
        ("jarvela-ohjaaja", 2, time(9, 0), time(12, 0), "phone", None),
    ],
}

MUNICIPALITIES = [HEINOLA, JARVELA]

# Invented client records (clients app), loaded once per municipality. The names are obviously
# fictional ("Esimerkki" = example) and the identity codes use the temporary-code range 900–999.
# Dates are days before today; "contacts": (days ago, channel, service type, topics, minutes,
# interpreter language or "", interpreter mode or "", note).
DEMO_CLIENTS: dict[str, list[dict]] = {
    "heinola": [
        {
            "household": "Perhe Esimerkki",
            "first_name": "Amal",
            "last_name": "Esimerkki",
            "personal_identity_code": "150385-9013",
            "languages": ["ar", "en"],
            "preferred_language": "ar",
            "interpreter_language": "ar",
            "phone": "+358401234501",
            "target_group": "international_protection",
            "permit_type": "continuous",
            "first_permit_days_ago": 200,
            "permit_valid_days": 80,
            "assessment_days_ago": 120,
            "responsible": "ohjaaja",
            "contacts": [
                (
                    150,
                    "meeting",
                    "quota_reception",
                    ["housing", "kela"],
                    60,
                    "ar",
                    "in_person",
                    "Vuokrasopimus siirretty.",
                ),
                (30, "phone", "guidance", ["children"], 15, "ar", "remote", "Päiväkotipaikka haettu."),
            ],
        },
        {
            "household": "Perhe Esimerkki",
            "first_name": "Omar",
            "last_name": "Esimerkki",
            "personal_identity_code": "020791-902H",
            "languages": ["ar"],
            "preferred_language": "ar",
            "interpreter_language": "ar",
            "phone": "+358401234502",
            "target_group": "international_protection",
            "permit_type": "continuous",
            "first_permit_days_ago": 200,
            "permit_valid_days": 80,
            "responsible": "ohjaaja",
            "contacts": [
                (150, "meeting", "quota_reception", ["housing", "registration"], 60, "ar", "in_person", ""),
            ],
        },
        {
            "household": "Perhe Esimerkki",
            "first_name": "Lina",
            "last_name": "Esimerkki",
            "personal_identity_code": "121015A903T",
            "languages": ["ar", "fi"],
            "preferred_language": "ar",
            "interpreter_language": "",
            "phone": "",
            "target_group": "international_protection",
            "permit_type": "continuous",
            "first_permit_days_ago": 200,
            "permit_valid_days": 80,
            "responsible": "ohjaaja",
            "contacts": [],
        },
        {
            "household": "",
            "first_name": "Olena",
            "last_name": "Kuvitelma",
            "personal_identity_code": "",
            "languages": ["uk", "ru"],
            "preferred_language": "uk",
            "interpreter_language": "uk",
            "phone": "+358401234503",
            "target_group": "other_in_need",
            "permit_type": "temporary_protection",
            "first_permit_days_ago": 700,
            "permit_valid_days": 40,
            "assessment_days_ago": 600,
            "plan_days_ago": 500,
            "responsible": "koordinaattori",
            "contacts": [
                (
                    60,
                    "drop_in",
                    "permits",
                    ["residence_permit"],
                    20,
                    "",
                    "",
                    "Kysyi oleskeluluvan jatkamisesta.",
                ),
                (10, "email", "hobbies", ["hobbies"], 10, "", "", ""),
            ],
        },
    ],
}
SYSTEM_ADMIN_USERNAME = "admin"


# Partner network and hobbies (network app), loaded once per municipality (invented, plausible).
# Activities: (key of the organizer or "", category, price, support, languages, age groups,
# {lang: name}, {lang: schedule}, place name, street address, {lang: description}).
# Events: (days from today, start, end, kind, organizer key or "", {lang: title}, place, address).
DEMO_NETWORK: dict[str, dict] = {
    "heinola": {
        "partners": [
            (
                "library",
                "library",
                "Heinolan kaupunginkirjasto",
                "Kielikahvila, lukupiiri, lainattavat tabletit ja apu digiasioissa.",
                ["fi", "en", "ru"],
            ),
            (
                "club",
                "sports_club",
                "Heinolan Palloseura (keksitty)",
                "Jalkapalloa ja salibandya lapsille ja nuorille, maksuton kokeilukuukausi.",
                ["fi", "en"],
            ),
            (
                "parish",
                "parish",
                "Heinolan seurakunta",
                "Perhekerho, ruoka-apu, leirit ja vapaaehtoistyö.",
                ["fi", "en", "uk"],
            ),
            (
                "adulted",
                "adult_education",
                "Heinolan kansalaisopisto",
                "Suomen kielen kurssit, käsityöt, musiikki ja liikunta.",
                ["fi", "en"],
            ),
            (
                "mll",
                "association",
                "Perheyhdistys Kotiranta (keksitty)",
                "Vauvaperhetoiminta ja äiti–lapsi-kerho.",
                ["fi", "ar", "so"],
            ),
            (
                "kela",
                "kela",
                "Kela, Heinolan palvelupiste",
                "Neuvonta Kelan etuuksista, ajanvarauksella myös tulkki.",
                ["fi", "sv", "en"],
            ),
        ],
        "activities": [
            (
                "library",
                "language_cafe",
                "free",
                False,
                ["fi", "en", "ar", "fa", "ru", "uk", "so"],
                ["adults", "seniors", "youth"],
                {
                    "fi": "HeiMo-kielikahvila",
                    "en": "HeiMo language café",
                    "ar": "مقهى اللغة في هايمو",
                    "uk": "Мовне кафе HeiMo",
                },
                {"fi": "Tiistaisin 13–15", "en": "Tuesdays 1–3 pm"},
                "HeiMo-kahvila",
                "Kaivokatu 14",
                {
                    "fi": "Puhutaan suomea rennosti kahvin ääressä. Kaikki tasot tervetulleita.",
                    "en": "Practise Finnish over coffee. All levels welcome.",
                },
            ),
            (
                "library",
                "language_cafe",
                "free",
                False,
                ["fi", "en"],
                ["adults", "seniors"],
                {"fi": "Kirjaston lukupiiri selkosuomeksi", "en": "Easy Finnish reading circle"},
                {"fi": "Joka toinen torstai 17–18", "en": "Every other Thursday 5–6 pm"},
                "Kaupunginkirjasto",
                "Kauppakatu 12",
                {
                    "fi": "Luemme selkokirjoja ja juttelemme niistä.",
                    "en": "We read easy-Finnish books and talk about them.",
                },
            ),
            (
                "club",
                "sports",
                "free",
                True,
                ["fi", "en", "ar"],
                ["children", "youth"],
                {
                    "fi": "Jalkapallo 10–15-vuotiaille",
                    "en": "Football for ages 10–15",
                    "ar": "كرة القدم للأعمار ١٠–١٥",
                },
                {"fi": "Maanantaisin ja keskiviikkoisin 17–18.30", "en": "Mondays and Wednesdays 5–6.30 pm"},
                "Urheilupuisto",
                "Urheilutie 2",
                {
                    "fi": "Ensimmäinen kuukausi maksuton, välineet lainaan.",
                    "en": "First month free, equipment to borrow.",
                },
            ),
            (
                "club",
                "sports",
                "cost",
                True,
                ["fi"],
                ["youth", "adults"],
                {"fi": "Salibandy aikuisille", "en": "Floorball for adults"},
                {"fi": "Sunnuntaisin 19–20.30", "en": "Sundays 7–8.30 pm"},
                "Liikuntahalli",
                "Urheilutie 4",
                {
                    "fi": "Kausimaksu 60 €, harrastusseteli käy.",
                    "en": "Season fee 60 €, hobby voucher accepted.",
                },
            ),
            (
                "parish",
                "families",
                "free",
                False,
                ["fi", "en", "uk"],
                ["children", "adults"],
                {"fi": "Perhekerho", "en": "Family club", "uk": "Сімейний клуб"},
                {"fi": "Torstaisin 9.30–11.30", "en": "Thursdays 9.30–11.30 am"},
                "Seurakuntakeskus",
                "Kirkkokatu 5",
                {
                    "fi": "Leikkiä, laulua ja aamupala vanhemmille ja lapsille.",
                    "en": "Play, songs and breakfast for parents and children.",
                },
            ),
            (
                "parish",
                "volunteering",
                "free",
                False,
                ["fi", "en"],
                ["adults", "seniors"],
                {"fi": "Ruoka-avun vapaaehtoiseksi", "en": "Volunteer at the food aid"},
                {"fi": "Perjantaisin 10–13", "en": "Fridays 10 am–1 pm"},
                "Seurakuntakeskus",
                "Kirkkokatu 5",
                {"fi": "Jaa ruokaa ja tutustu uusiin ihmisiin.", "en": "Hand out food and meet new people."},
            ),
            (
                "adulted",
                "arts_crafts",
                "cost",
                True,
                ["fi"],
                ["adults", "seniors"],
                {"fi": "Käsityöpaja", "en": "Crafts workshop"},
                {"fi": "Keskiviikkoisin 17–19.15", "en": "Wednesdays 5–7.15 pm"},
                "Kansalaisopisto",
                "Savontie 1",
                {
                    "fi": "Neulontaa, ompelua ja kierrätystä. Kurssimaksu 45 €, alennus mahdollinen.",
                    "en": "Knitting, sewing and recycled materials. Course fee 45 €, reduction possible.",
                },
            ),
            (
                "adulted",
                "music",
                "cost",
                True,
                ["fi", "en"],
                ["adults", "seniors"],
                {"fi": "Kansainvälinen kuoro", "en": "International choir", "ru": "Международный хор"},
                {"fi": "Maanantaisin 18–19.30", "en": "Mondays 6–7.30 pm"},
                "Kansalaisopisto",
                "Savontie 1",
                {
                    "fi": "Laulamme lauluja eri kielillä. Nuotteja ei tarvitse osata.",
                    "en": "Songs in many languages. No need to read music.",
                },
            ),
            (
                "mll",
                "women",
                "free",
                False,
                ["fi", "ar", "so", "en"],
                ["adults"],
                {
                    "fi": "Naisten liikuntavuoro",
                    "en": "Exercise for women",
                    "ar": "رياضة للنساء",
                    "so": "Jimicsi haweenka",
                },
                {"fi": "Lauantaisin 11–12", "en": "Saturdays 11 am–12"},
                "Liikuntahalli",
                "Urheilutie 4",
                {
                    "fi": "Vain naisille, naisohjaaja. Lastenhoito järjestetty.",
                    "en": "Women only, female instructor. Childcare arranged.",
                },
            ),
            (
                "mll",
                "children",
                "free",
                False,
                ["fi", "ar", "so"],
                ["children"],
                {"fi": "Lasten kerho", "en": "Children's club"},
                {"fi": "Tiistaisin 15–16.30", "en": "Tuesdays 3–4.30 pm"},
                "Perhetalo",
                "Rauhankatu 3",
                {"fi": "Askartelua ja leikkejä 5–10-vuotiaille.", "en": "Crafts and games for ages 5–10."},
            ),
            (
                "",
                "youth",
                "free",
                False,
                ["fi", "en", "fa"],
                ["youth"],
                {
                    "fi": "Nuorisotalon avoimet illat",
                    "en": "Youth centre open evenings",
                    "fa": "شب‌های باز خانه جوانان",
                },
                {"fi": "Ma–to 15–20", "en": "Mon–Thu 3–8 pm"},
                "Nuorisotalo",
                "Torikatu 8",
                {
                    "fi": "Pelejä, musiikkia ja ohjaajia paikalla 13–17-vuotiaille.",
                    "en": "Games, music and youth workers for ages 13–17.",
                },
            ),
            (
                "",
                "seniors",
                "free",
                False,
                ["fi", "ru"],
                ["seniors"],
                {"fi": "Seniorien tuolijumppa", "en": "Chair exercise for seniors"},
                {"fi": "Perjantaisin 10–11", "en": "Fridays 10–11 am"},
                "Palvelukeskus",
                "Kauppakatu 20",
                {"fi": "Kevyttä liikuntaa istuen.", "en": "Gentle exercise sitting down."},
            ),
        ],
        "events": [
            (
                5,
                time(17, 0),
                time(19, 0),
                "heimo_cafe",
                "",
                {
                    "fi": "HeiMo-ilta: ruokaa eri maista",
                    "en": "HeiMo evening: food from many countries",
                    "ar": "أمسية هايمو: طعام من بلدان مختلفة",
                },
                "HeiMo-kahvila",
                "Kaivokatu 14",
            ),
            (
                12,
                time(13, 0),
                time(15, 0),
                "partner",
                "library",
                {"fi": "Digiapua kirjastossa", "en": "Help with digital services at the library"},
                "Kaupunginkirjasto",
                "Kauppakatu 12",
            ),
            (
                19,
                time(10, 0),
                time(14, 0),
                "partner",
                "club",
                {"fi": "Liikuntapäivä perheille", "en": "Sports day for families"},
                "Urheilupuisto",
                "Urheilutie 2",
            ),
            (
                33,
                time(17, 0),
                time(19, 0),
                "heimo_cafe",
                "",
                {"fi": "HeiMo-ilta: musiikkia ja tanssia", "en": "HeiMo evening: music and dance"},
                "HeiMo-kahvila",
                "Kaivokatu 14",
            ),
        ],
        "cooperation": [
            (
                -40,
                "network_meeting",
                ["library", "parish", "adulted"],
                "Kevään kielikahvilat ja vapaaehtoiset.",
            ),
            (-25, "agreement", ["club"], "Maksuton kokeilukuukausi uusille tulijoille."),
            (-10, "joint_event", ["library"], "Digiapupäivä yhdessä kirjaston kanssa."),
        ],
    },
}


# Quota-refugee reception (reception app), loaded once per municipality: anonymous proposals
# (ELY reference, days since received, family ages, needs) and, for an accepted one, the days since
# the decision and the arrival, the household it became (a DEMO_CLIENTS household) and the checklist
# steps done so far (template key -> days after the arrival it was done; "-" = in progress).
DEMO_RECEPTION: dict[str, list[dict]] = {
    "heinola": [
        {
            "reference": "ELY-2026-031",
            "received_days_ago": 6,
            "ages": [44, 39, 16, 12, 6],
            "needs": "Koulupaikat 16-, 12- ja 6-vuotiaille (esiopetus). Liikuntarajoite: esteetön asunto.",
        },
        {
            "reference": "ELY-2026-007",
            "received_days_ago": 215,
            "ages": [41, 36, 11],
            "needs": "Koulupaikka 11-vuotiaalle. Ei erityisiä terveystarpeita.",
            "decided_days_ago": 200,
            "arrived_days_ago": 160,
            "household": "Perhe Esimerkki",
            "done": {
                "housing": -20,
                "electricity": -10,
                "furniture": -2,
                "dvv_registration": 5,
                "kela": 9,
                "id_card": 25,
                "bank_account": 33,
                "health_check": 28,
                "school_daycare": 12,
                "town_introduction": 6,
                "assessment": 40,
                "civic_orientation": "-",
            },
        },
    ],
}

# Follow-up tasks (deadlines app): (assignee username, days from today, title, client first name or "").
DEMO_TASKS: dict[str, list[tuple[str, int, str, str]]] = {
    "heinola": [
        ("ohjaaja", 2, "Soita päiväkotipaikasta ja sovi tutustumiskäynti", "Amal"),
        ("ohjaaja", -1, "Varaa tulkki kotoutumissuunnitelman laatimiseen", "Omar"),
        ("koordinaattori", 5, "Vastaa ELY-keskukselle sijoitusesityksestä ELY-2026-031", ""),
    ],
}
# Clients (first names) who agreed to a text-message reminder when their permit can be renewed.
DEMO_REMINDER_CONSENTS: dict[str, list[str]] = {"heinola": ["Amal", "Olena"]}

# Letter helper: letters "shared" by clients (letters app), by corpus letter name, language, hand-off.
DEMO_SHARED_LETTERS: dict[str, list[tuple[str, str, str]]] = {
    "heinola": [("energia_lasku", "ar", "dropin"), ("migri_lisaselvitys", "uk", "booking")],
}
