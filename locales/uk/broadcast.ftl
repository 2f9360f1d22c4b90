## Розсилки: що бачать отримувачі

broadcast-notice = 📢 Новини безпеки
broadcast-open-phase = 📖 Читати зараз
broadcast-share = 📤 Поділитися ботом
broadcast-link-be-safe = 🌐 Be Safe (ОБСЄ)
broadcast-footer = Ви отримуєте ці повідомлення, бо погодилися на них. Щоб вимкнути, надішліть /stop.

bc-hotline-reminder-title = Збережіть номери допомоги вже зараз
bc-hotline-reminder-text =
    У біді немає часу шукати. Збережіть номер гарячої лінії з протидії торгівлі людьми в країні, де ви зараз.
    Натисніть 🆘 Допомога зараз, щоб побачити номери, або 📍 Знайти допомогу поруч, щоб зберегти на телефоні картку безпеки без інтернету.
bc-check-before-title = Перевірте вакансію, перш ніж їхати
bc-check-before-text =
    Якщо за роботу просять заплатити, забирають паспорт або не дають письмового договору — це пастка.
    Вставте оголошення сюди, і я покажу тривожні ознаки. Якщо щось не так — повідомте, це анонімно.

## Розсилки: що бачить волонтер під час надсилання

broadcast-progress =
    📣 Розсилка { $id }: надсилаю…
    Надіслано: { $sent } з { $recipients }
    У черзі: { $pending } · Заблокували бота: { $blocked } · Помилки: { $failed }
broadcast-progress-done =
    ✅ Розсилку { $id } завершено.
    Надіслано: { $sent } з { $recipients }
    Заблокували бота: { $blocked } · Помилки: { $failed } · Пропущено: { $skipped }

## Розділ волонтера (лише для волонтерів і координаторів)

menu-volunteer = 📣 Волонтерам
vol-title = 📣 Волонтерам
vol-home = Надішліть повідомлення кампанії людям, які погодилися отримувати новини безпеки, і стежте, скільки людей його отримали.
vol-new = 📝 Нова розсилка
vol-list = 📊 Мої розсилки
vol-invite-volunteer = ➕ Запросити волонтера
vol-invite-coordinator = ➕ Запросити координатора
vol-what = Що надіслати? Кожна людина прочитає це своєю мовою.
vol-countries = Які країни? Виберіть одну або кілька, потім «Далі».
vol-langs = Які мови? Виберіть, потім «Далі».
vol-channels = Які застосунки?
vol-active = Лише тим, хто нещодавно користувався ботом?
vol-toggle = { $mark } { $name }
vol-all-countries = Усі країни
vol-all-languages = Усі мови
vol-channel-telegram = Telegram
vol-channel-viber = Viber
vol-channel-both = Telegram і Viber
vol-active-any = Усім, хто погодився
vol-active-days = За { $days } днів
vol-summary =
    Повідомлення: { $what }
    Країни: { $countries } · Мови: { $langs }
    Застосунки: { $channels } · { $days ->
        [0] усім, хто погодився
       *[other] активні за останні { $days } днів
    }
vol-preview = 👀 Перевірте перед надсиланням
vol-preview-in = Так це виглядатиме: { $language }
vol-count =
    { $count ->
        [0] За цими умовами нікого не знайдено.
        [one] Отримає { $count } людина (Telegram { $telegram }, Viber { $viber }).
        [few] Отримають { $count } людини (Telegram { $telegram }, Viber { $viber }).
       *[other] Отримають { $count } людей (Telegram { $telegram }, Viber { $viber }).
    }
vol-viber-paid =
    Viber бере плату за повідомлення, які надсилає бот: { $count ->
        [one] { $count } платне повідомлення
        [few] { $count } платні повідомлення
       *[other] { $count } платних повідомлень
    }. Ціна залежить від країн отримувачів (уточніть у координатора).
vol-viber-cost =
    Viber бере плату за повідомлення, які надсилає бот: { $count ->
        [one] { $count } платне повідомлення
        [few] { $count } платні повідомлення
       *[other] { $count } платних повідомлень
    }, приблизно €{ $cost }.
vol-send-now = ✅ Надіслати зараз
vol-send-1h = 🕐 За годину
vol-send-9 = 🕘 О 09:00 UTC
vol-nobody = За цими умовами нікого не знайдено. Поверніться і виберіть більше країн або мов.
vol-started =
    Розсилку { $id } запущено: { $count ->
        [one] { $count } отримувач
        [few] { $count } отримувачі
       *[other] { $count } отримувачів
    }. Хід розсилки я показуватиму в окремому повідомленні тут.
vol-scheduled =
    Розсилка { $id } почнеться { $at } (зараз { $count ->
        [one] { $count } отримувач
        [few] { $count } отримувачі
       *[other] { $count } отримувачів
    }).
vol-create-failed = Не вдалося створити розсилку. Можливо, змінився ваш доступ волонтера — зверніться до координатора.
vol-list-item = №{ $id } { $what } — { $status }, надіслано { $sent } з { $count }
vol-status-ready = готова, не почата
vol-status-scheduled = запланована
vol-status-sending = надсилається
vol-status-done = завершена
vol-status-cancelled = скасована
vol-cancel = ⛔ Скасувати №{ $id }
vol-refresh = 🔄 Оновити
vol-list-empty = Розсилок ще немає.
vol-cancelled = Розсилку { $id } скасовано: більше нічого не буде надіслано.
vol-cancel-too-late = Розсилка { $id } вже завершилася.
vol-coordinators-only = Це можуть робити лише координатори.
vol-invite-title = ➕ Запрошення
vol-invite-text =
    Надішліть це посилання людині, яку запрошуєте { $role ->
        [coordinator] координатором
       *[other] волонтером
    }. Воно діє один раз, 24 години:
    { $link }
vol-invite-bad = Це запрошення не діє: ним уже скористалися або йому понад 24 години. Попросіть нове.
vol-welcome = Вітаємо! Тепер ви { $role ->
        [coordinator] координатор
       *[other] волонтер
    } movesafe. Кнопка 📣 Волонтерам — у меню.

# Вебконсоль (issue 9): одноразовий код входу з бота.
vol-web = 🖥 Вебконсоль
vol-web-title = 🖥 Вебконсоль
vol-web-code =
    Ваш код входу: { $code }
    Він діє один раз упродовж { $minutes } хвилин. Нікому його не пересилайте.
vol-web-link = Відкрийте це посилання й натисніть «Увійти»: { $link }
vol-web-no-link = Відкрийте /console/login на сервері бота й введіть там код.
