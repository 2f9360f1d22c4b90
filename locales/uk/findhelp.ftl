## Знайти допомогу поруч

findhelp-ask =
    З чим вам потрібна допомога? Країна: { $country }. Спершу покажу служби, де говорять вашою мовою.
    Надішліть геолокацію, щоб побачити найближчі.
findhelp-no-country = У якій країні шукати? Виберіть її або надішліть геолокацію.
findhelp-list = { $country } · { $need }
findhelp-footer = Номери з «+» працюють з будь-якого телефона, зокрема з українською SIM-карткою. Дзвінки на гарячі лінії конфіденційні.
findhelp-name = { $name }
findhelp-phones = 📞 { $phones }
findhelp-about = { $about }
findhelp-hours = 🕒 { $hours }
findhelp-speaks-uk = 🗣 Говорять українською
findhelp-speaks-ru = 🗣 Говорять російською
findhelp-speaks-uk-ru = 🗣 Говорять українською й російською
findhelp-distance = 📍 приблизно { $km } км від вас
findhelp-distance-city = 📍 { $city }, приблизно { $km } км від вас
findhelp-web = 🌐 { $web }
findhelp-country-ask = У якій країні шукати?
findhelp-choose-country = Спершу виберіть країну.
findhelp-near = Спершу найближчі до місця, яке ви надіслали. Я зберігаю його, лише поки ви тут, і лише з точністю приблизно до 1 км.
findhelp-card-sent = Ось ваша картка безпеки: збережіть зображення в телефоні. Вона працює без інтернету.

need-trafficking = Торгівля людьми чи експлуатація
need-work-rights = Проблеми на роботі (оплата, договір)
need-legal-status = Документи й правовий статус
need-shelter = Безпечне житло
need-health = Здоров'я
need-children = Діти
need-women = Допомога жінкам
need-psychological = Психологічна підтримка
need-all = Усі служби

btn-findhelp-near = 📍 Найближчі до мене
btn-findhelp-country = 🌍 Інша країна
btn-findhelp-all = Усі служби
btn-findhelp-card = 💾 Картка безпеки без інтернету
btn-findhelp-other-need = ◀ Інша допомога
btn-findhelp-web = 🌐 { $name }
findhelp-card-unavailable = Зараз не вдається надіслати картку безпеки. Номери є в розділі «🆘 Допомога зараз».
