# Слова вебконсолі (українська). Кожен id є і в en/console.ftl
# (інакше `movesafe content check` не пройде).

nav-label = Розділи
nav-dashboard = Огляд
nav-broadcasts = Розсилки
nav-content = Контент
nav-volunteers = Волонтери
nav-reports = Повідомлення
role-volunteer = Волонтер
role-coordinator = Координатор
logout = Вийти

login-title = Вхід до консолі movesafe
login-how = У боті відкрийте 📣 Волонтерам → 🖥 Вебконсоль. Ви отримаєте одноразовий код, який діє 15 хвилин. Введіть його тут або відкрийте посилання, що прийде разом із ним.
login-code = Код входу
login-button = Увійти
login-bad = Цей код не працює: можливо, в ньому помилка, його вже використали або минуло понад 15 хвилин. Попросіть у бота новий.
login-slow = Забагато спроб з цієї адреси. Зачекайте 10 хвилин і спробуйте знову з новим кодом.

error-title = Не вдалося
error-back = Назад
error-csrf = Ця форма застаріла або надіслана не з цієї консолі. Відкрийте сторінку знову й повторіть.
error-coordinators = Цю сторінку можуть відкривати лише координатори.
error-database = База даних зараз недоступна. Нічого не змінено. Спробуйте ще раз за хвилину.

dash-as-of = Дані на { $date }. Людей лише рахуємо, не показуємо.
dash-subscribed = людей отримують новини
dash-reached = людей отримали розсилки
dash-delivered = повідомлень доставлено
dash-blocked = заблокували бота
dash-clicks = переходів за посиланнями (унікальних: { $unique })
dash-shares = прийшли за поширеним посиланням (нових: { $new })
dash-reports = повідомлень про підозріле
dash-jobs = вакансій перевірено (високий ризик: { $share })
dash-table = цифри
dash-none = Поки нічого.
chart-reach = Доставлено повідомлень за день
chart-country = Доставлено за країнами
chart-language = Доставлено за мовами
chart-channel = Доставлено за застосунками
chart-report-category = Повідомлення про підозріле за видами
chart-report-country = Повідомлення про підозріле за країнами

bc-new = Нова розсилка
bc-what = Повідомлення
bc-status = Стан
bc-progress = Хід
bc-sent = Доставлено
bc-failed = Не вдалося
bc-blocked = Заблокували бота
bc-none = Розсилок ще немає.
status-ready = готова
status-scheduled = запланована
status-sending = надсилається
status-done = завершена
status-cancelled = скасована

new-what = Що надіслати
new-countries = Країни
new-none-is-all = Нічого не позначено — надіслати всім.
new-languages = Мови
new-channels = Застосунки
new-active = Кому
new-active-any = Усім, хто погодився отримувати новини
new-active-days = Лише тим, хто писав боту за останні { $days } днів
new-when = Коли
new-now = Зараз
new-at = У визначений час
new-at-utc = Дата й час (UTC)
new-preview = Переглянути й порахувати отримувачів
new-pick-message = Оберіть, що надіслати.
new-pick-channel = Оберіть хоча б один застосунок.
new-bad-time = Вкажіть дату й час запланованої розсилки.
new-past-time = Цей час уже минув. Оберіть пізніший.

pv-title = Перевірте перед надсиланням
pv-count = { $count ->
    [0] Під ці умови ніхто не підходить.
    [one] Її отримає { $count } людина.
    [few] Її отримають { $count } людини.
   *[other] Її отримають { $count } людей.
}
pv-app = Застосунок
pv-language = Мова
pv-people = Людей
pv-viber-cost = Повідомлень у Viber: { $count }, вони платні — приблизно { $cost } €.
pv-viber-paid = Повідомлень у Viber: { $count }, вони платні (задайте VIBER_MESSAGE_PRICE_EUR, щоб бачити вартість).
pv-scheduled = Розсилка почнеться { $at }.
pv-as-read = Як її побачать люди
pv-schedule = Запланувати розсилку
pv-send = Надіслати зараз
pv-nobody = Цю розсилку ніхто не отримає. Змініть країни, мови чи застосунки.
pv-change = Змінити вибір

bc-title = Розсилка { $id }
bc-created = Розсилку створено.
bc-live = сторінка оновлюється сама
bc-done-of = Оброблено { $done } з { $count }.
bc-recipients = Отримувачів
bc-pending = Чекають
bc-clicks = Переходів за посиланнями
bc-unique = Унікальних переходів
bc-audience = Кому
bc-all-countries = усі країни
bc-all-languages = усі мови
bc-created-at = Створено
bc-send-at = Початок
bc-finished-at = Завершено
bc-cancel = Скасувати розсилку

ct-check = Перевірка контенту
ct-check-ok = Контент пройшов перевірку (попереджень: { $warnings }).
ct-check-bad = У контенті помилок: { $errors }. Виправте їх до наступного випуску.
ct-warnings = Попередження ({ $count })
ct-phases = Етапи кампанії
ct-phase = Етап
phase-live = діє
phase-coming-soon = незабаром
ct-referrals = Організації допомоги ({ $count })
ct-stale-first = Спершу ті, що перевіряли найдавніше. Позначено записи, які не перевіряли понад { $days } днів: зателефонуйте або відкрийте їхній сайт і оновіть дату.
ct-country = Країна
ct-name = Організація
ct-verified = Перевірено
ct-age = Днів тому
ct-source = Джерело
ct-stale = треба перевірити

vol-invite-made = { $role ->
    [coordinator] Запрошення для координатора
   *[volunteer] Запрошення для волонтера
}
vol-invite-once = Надішліть людині одне з цього. Запрошення діє один раз упродовж 24 годин і більше не показується.
vol-invite-command = Або людина вводить у боті:
vol-people = Волонтери й координатори ({ $count })
vol-who = Застосунок та id чату
vol-role = Роль
vol-since = З
vol-actions = Дії
vol-you = ви
vol-make-volunteer = Зробити волонтером
vol-make-coordinator = Зробити координатором
vol-remove = Забрати доступ
vol-invites = Запрошення
vol-invite-volunteer = Запросити волонтера
vol-invite-coordinator = Запросити координатора
vol-expires = Діє до
vol-revoke = Відкликати
vol-no-invites = Відкритих запрошень немає.

rp-total = { $count ->
    [one] Отримано { $count } повідомлення
    [few] Отримано { $count } повідомлення
   *[other] Отримано { $count } повідомлень
}
rp-sealed = Повідомлення запечатуються в боті відкритим ключем аналітиків. Цей сервер не може їх прочитати: файл для завантаження теж запечатаний.
rp-download = Завантажити запечатані повідомлення
rp-open = Аналітики відкривають файл на своєму комп’ютері закритим ключем:
rp-by-category = За видами
rp-by-country = За країнами
rp-by-week = За тижнями
