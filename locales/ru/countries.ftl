## Названия стран для выбора страны (country-<код ISO 3166-1 alpha-2>).

country-PL = Польша
country-DE = Германия
country-CZ = Чехия
country-GB = Великобритания
country-ES = Испания
country-IT = Италия
country-RO = Румыния
country-SK = Словакия
country-NL = Нидерланды
country-IE = Ирландия
country-MD = Молдова
country-PT = Португалия
country-HU = Венгрия
country-GR = Греция
country-UA = Украина
country-other = Другая страна
