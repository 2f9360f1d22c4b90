## Рассылки: что видят получатели

broadcast-notice = 📢 Новости безопасности
broadcast-open-phase = 📖 Читать сейчас
broadcast-share = 📤 Поделиться ботом
broadcast-link-be-safe = 🌐 Be Safe (ОБСЕ)
broadcast-footer = Вы получаете эти сообщения, потому что согласились на них. Чтобы отключить, отправьте /stop.

bc-hotline-reminder-title = Сохраните номера помощи уже сейчас
bc-hotline-reminder-text =
    В беде нет времени искать. Сохраните номер горячей линии по борьбе с торговлей людьми в стране, где вы сейчас.
    Нажмите 🆘 Помощь сейчас, чтобы увидеть номера, или 📍 Найти помощь рядом, чтобы сохранить на телефоне карточку безопасности без интернета.
bc-check-before-title = Проверьте вакансию, прежде чем ехать
bc-check-before-text =
    Если за работу просят заплатить, забирают паспорт или не дают письменного договора — это ловушка.
    Вставьте объявление сюда, и я покажу тревожные признаки. Если что-то не так — сообщите, это анонимно.

## Рассылки: что видит волонтёр во время отправки

broadcast-progress =
    📣 Рассылка { $id }: отправляю…
    Отправлено: { $sent } из { $recipients }
    В очереди: { $pending } · Заблокировали бота: { $blocked } · Ошибки: { $failed }
broadcast-progress-done =
    ✅ Рассылка { $id } завершена.
    Отправлено: { $sent } из { $recipients }
    Заблокировали бота: { $blocked } · Ошибки: { $failed } · Пропущено: { $skipped }

## Раздел волонтёра (только для волонтёров и координаторов)

menu-volunteer = 📣 Волонтёрам
vol-title = 📣 Волонтёрам
vol-home = Отправьте сообщение кампании людям, которые согласились получать новости безопасности, и следите, сколько людей его получили.
vol-new = 📝 Новая рассылка
vol-list = 📊 Мои рассылки
vol-invite-volunteer = ➕ Пригласить волонтёра
vol-invite-coordinator = ➕ Пригласить координатора
vol-what = Что отправить? Каждый человек прочитает это на своём языке.
vol-countries = Какие страны? Выберите одну или несколько, затем «Дальше».
vol-langs = Какие языки? Выберите, затем «Дальше».
vol-channels = Какие приложения?
vol-active = Только тем, кто недавно пользовался ботом?
vol-toggle = { $mark } { $name }
vol-all-countries = Все страны
vol-all-languages = Все языки
vol-channel-telegram = Telegram
vol-channel-viber = Viber
vol-channel-both = Telegram и Viber
vol-active-any = Всем, кто согласился
vol-active-days = За { $days } дней
vol-summary =
    Сообщение: { $what }
    Страны: { $countries } · Языки: { $langs }
    Приложения: { $channels } · { $days ->
        [0] всем, кто согласился
       *[other] активные за последние { $days } дней
    }
vol-preview = 👀 Проверьте перед отправкой
vol-preview-in = Так это будет выглядеть: { $language }
vol-count =
    { $count ->
        [0] По этим условиям никого не нашлось.
        [one] Получит { $count } человек (Telegram { $telegram }, Viber { $viber }).
        [few] Получат { $count } человека (Telegram { $telegram }, Viber { $viber }).
       *[other] Получат { $count } человек (Telegram { $telegram }, Viber { $viber }).
    }
vol-viber-paid =
    Viber берёт плату за сообщения, которые отправляет бот: { $count ->
        [one] { $count } платное сообщение
        [few] { $count } платных сообщения
       *[other] { $count } платных сообщений
    }. Цена зависит от стран получателей (уточните у координатора).
vol-viber-cost =
    Viber берёт плату за сообщения, которые отправляет бот: { $count ->
        [one] { $count } платное сообщение
        [few] { $count } платных сообщения
       *[other] { $count } платных сообщений
    }, примерно €{ $cost }.
vol-send-now = ✅ Отправить сейчас
vol-send-1h = 🕐 Через час
vol-send-9 = 🕘 В 09:00 UTC
vol-nobody = По этим условиям никого не нашлось. Вернитесь и выберите больше стран или языков.
vol-started =
    Рассылка { $id } запущена: { $count ->
        [one] { $count } получатель
        [few] { $count } получателя
       *[other] { $count } получателей
    }. Ход рассылки я буду показывать в отдельном сообщении здесь.
vol-scheduled =
    Рассылка { $id } начнётся { $at } (сейчас { $count ->
        [one] { $count } получатель
        [few] { $count } получателя
       *[other] { $count } получателей
    }).
vol-create-failed = Не удалось создать рассылку. Возможно, изменился ваш доступ волонтёра — обратитесь к координатору.
vol-list-item = №{ $id } { $what } — { $status }, отправлено { $sent } из { $count }
vol-status-ready = готова, не начата
vol-status-scheduled = запланирована
vol-status-sending = отправляется
vol-status-done = завершена
vol-status-cancelled = отменена
vol-cancel = ⛔ Отменить №{ $id }
vol-refresh = 🔄 Обновить
vol-list-empty = Рассылок пока нет.
vol-cancelled = Рассылка { $id } отменена: больше ничего не будет отправлено.
vol-cancel-too-late = Рассылка { $id } уже завершилась.
vol-coordinators-only = Это могут делать только координаторы.
vol-invite-title = ➕ Приглашение
vol-invite-text =
    Отправьте эту ссылку человеку, которого приглашаете { $role ->
        [coordinator] координатором
       *[other] волонтёром
    }. Она действует один раз, 24 часа:
    { $link }
vol-invite-bad = Это приглашение не действует: им уже воспользовались или ему больше 24 часов. Попросите новое.
vol-welcome = Добро пожаловать! Теперь вы { $role ->
        [coordinator] координатор
       *[other] волонтёр
    } movesafe. Кнопка 📣 Волонтёрам — в меню.

# Веб-консоль (issue 9): одноразовый код входа из бота.
vol-web = 🖥 Веб-консоль
vol-web-title = 🖥 Веб-консоль
vol-web-code =
    Ваш код входа: { $code }
    Он действует один раз в течение { $minutes } минут. Никому его не пересылайте.
vol-web-link = Откройте эту ссылку и нажмите кнопку входа: { $link }
vol-web-no-link = Откройте /console/login на сервере бота и введите там код.
