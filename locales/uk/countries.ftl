## Назви країн для вибору країни (country-<код ISO 3166-1 alpha-2>).

country-PL = Польща
country-DE = Німеччина
country-CZ = Чехія
country-GB = Великобританія
country-ES = Іспанія
country-IT = Італія
country-RO = Румунія
country-SK = Словаччина
country-NL = Нідерланди
country-IE = Ірландія
country-MD = Молдова
country-PT = Португалія
country-HU = Угорщина
country-GR = Греція
country-UA = Україна
country-other = Інша країна
