package io.contactsync.demo;

import java.util.List;

/** Names and lines that make generated conversations read like the ones chatbots really have. */
final class SampleVocabulary {

	static final List<String> GIVEN_NAMES = List.of("James", "Mary", "John", "Patricia", "Robert", "Jennifer",
			"Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
			"Thomas", "Sarah", "Carlos", "Maria", "José", "Lucía", "Javier", "Sofía", "Pedro", "Camila", "Lukas",
			"Anna", "Jonas", "Lena", "Felix", "Emma", "Hans", "Julia", "Pierre", "Camille", "Louis", "Chloé",
			"Giulia", "Marco", "Francesca", "Andrei", "Olga", "Андрей", "Мария", "Иван", "Екатерина", "Oleksandr",
			"Olena", "Wei", "Li", "Hiroshi", "Yuki", "Aarav", "Priya", "Rahul", "Ananya", "Mohammed", "Fatima",
			"Omar", "Aisha", "Kwame", "Amara", "Chinedu", "Ngozi", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Mia",
			"Zoë", "Søren", "Ingrid", "Björn", "Agnieszka", "Piotr", "Tomás", "Siobhán");

	static final List<String> SURNAMES = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
			"Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
			"Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
			"Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Müller", "Schmidt", "Schneider",
			"Fischer", "Weber", "Meyer", "Wagner", "Becker", "Dubois", "Durand", "Lefèvre", "Moreau", "Rossi",
			"Russo", "Ferrari", "Esposito", "Bianchi", "Fernández", "Sánchez", "Pérez", "Gómez", "Díaz", "Ivanov",
			"Petrov", "Smirnov", "Власов", "Кузнецов", "Попова", "Shevchenko", "Kovalenko", "Wang", "Zhang", "Chen",
			"Liu", "Tanaka", "Suzuki", "Sato", "Patel", "Sharma", "Singh", "Gupta", "Khan", "Ali", "Hassan",
			"Okafor", "Mensah", "Nkosi", "O'Brien", "Murphy", "Kowalski", "Nowak", "Jensen", "Nielsen", "Johansson",
			"Andersson", "Silva", "Santos", "Oliveira", "Costa", "Nguyen", "Tran", "Kim", "Park", "Choi");

	static final List<String> EMAIL_DOMAINS = List.of("gmail.com", "outlook.com", "yahoo.com", "icloud.com",
			"proton.me", "gmx.de", "mail.ru", "example.com", "acme.io", "northwind.co");

	static final List<String> AREA_CODES = List.of("201", "212", "305", "312", "415", "512", "617", "702", "718",
			"808");

	static final List<String> BOTS = List.of("Sales assistant", "Support bot", "Onboarding guide");

	static final List<String> OPENERS = List.of("Hi! How much does the Pro plan cost?",
			"Hello, can I book a demo for my team?", "Do you offer a free trial?",
			"What integrations do you support?", "I can't log in to my account.",
			"Is there an enterprise plan with SSO?", "Where can I find your pricing?",
			"Can the bot answer in Spanish?", "How do I export my contacts?", "Hola, ¿tienen un plan gratuito?",
			"Здравствуйте, сколько стоит подписка?", "Just browsing, thanks.", "Do you have an API?");

	static final List<String> BOT_REPLIES = List.of("Happy to help! Could you tell me a bit more?",
			"Our plans start at $29 per month; the Pro plan is $79.", "Sure, you can book a demo here: /demo",
			"Yes, every plan comes with a 14-day free trial.",
			"I've passed this to our team; an agent will reply shortly.",
			"You'll find the full list on our integrations page.", "Could you leave your email so we can follow up?");

	static final List<String> FOLLOW_UPS = List.of("Thanks!", "Great, my email is in my profile.",
			"Can someone call me back?", "OK, I'll think about it.", "What about annual billing?",
			"Perfect, booking now.", "That's all, thank you.");

	private SampleVocabulary() {
	}
}
