## Найти помощь рядом

findhelp-ask =
    С чем вам нужна помощь? Страна: { $country }. Сначала покажу службы, где говорят на вашем языке.
    Отправьте геолокацию, чтобы увидеть ближайшие.
findhelp-no-country = В какой стране искать? Выберите её или отправьте геолокацию.
findhelp-list = { $country } · { $need }
findhelp-footer = Номера с «+» работают с любого телефона, в том числе с украинской SIM-картой. Звонки на горячие линии конфиденциальны.
findhelp-name = { $name }
findhelp-phones = 📞 { $phones }
findhelp-about = { $about }
findhelp-hours = 🕒 { $hours }
findhelp-speaks-uk = 🗣 Говорят по-украински
findhelp-speaks-ru = 🗣 Говорят по-русски
findhelp-speaks-uk-ru = 🗣 Говорят по-украински и по-русски
findhelp-distance = 📍 примерно { $km } км от вас
findhelp-distance-city = 📍 { $city }, примерно { $km } км от вас
findhelp-web = 🌐 { $web }
findhelp-country-ask = В какой стране искать?
findhelp-choose-country = Сначала выберите страну.
findhelp-near = Сначала ближайшие к месту, которое вы отправили. Я храню его, только пока вы здесь, и лишь с точностью примерно до 1 км.
findhelp-card-sent = Вот ваша карточка безопасности: сохраните картинку в телефоне. Она работает без интернета.

need-trafficking = Торговля людьми или эксплуатация
need-work-rights = Проблемы на работе (оплата, договор)
need-legal-status = Документы и правовой статус
need-shelter = Безопасное жильё
need-health = Здоровье
need-children = Дети
need-women = Помощь женщинам
need-psychological = Психологическая поддержка
need-all = Все службы

btn-findhelp-near = 📍 Ближайшие ко мне
btn-findhelp-country = 🌍 Другая страна
btn-findhelp-all = Все службы
btn-findhelp-card = 💾 Офлайн-карточка безопасности
btn-findhelp-other-need = ◀ Другая помощь
btn-findhelp-web = 🌐 { $name }
findhelp-card-unavailable = Сейчас не получается отправить карточку безопасности. Номера есть в разделе «🆘 Помощь сейчас».
