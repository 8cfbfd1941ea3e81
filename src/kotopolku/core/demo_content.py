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
SYSTEM_ADMIN_USERNAME = "admin"
