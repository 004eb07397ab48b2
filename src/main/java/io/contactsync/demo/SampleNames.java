package io.contactsync.demo;

import java.util.List;

/**
 * Names for the labelled dedup sample: common enough that many different people share a first name, a
 * surname or both, with accents that people sometimes leave out.
 */
final class SampleNames {

	static final List<String> GIVEN = List.of(("James Mary John Patricia Robert Jennifer Michael Linda David "
			+ "Elizabeth William Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa "
			+ "Daniel Nancy Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew "
			+ "Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa Timothy Deborah Ronald "
			+ "Stephanie Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy Nicholas "
			+ "Angela Eric Shirley Jonathan Anna Stephen Brenda Larry Pamela Justin Emma Scott Nicole Brandon Helen "
			+ "Benjamin Samantha Samuel Katherine Gregory Christine Alexander Debra Frank Rachel Patrick Carolyn "
			+ "Raymond Janet Jack Catherine Dennis Maria Jerry Heather Tyler Diane Aaron Ruth José Lucía Sofía "
			+ "Zoë Chloé Søren Björn Siobhán Tomás Agnieszka Mohammed Fatima Priya Rahul Wei Yuki Kwame Ngozi "
			+ "Olivia Liam Noah Ava Ethan Mia Lukas Lena Felix Jonas Pierre Camille Giulia Marco Andrei Olga")
		.split(" "));

	static final List<String> FAMILY = List.of(("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez "
			+ "Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez "
			+ "Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott "
			+ "Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts "
			+ "Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy "
			+ "Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward "
			+ "Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo "
			+ "Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman "
			+ "Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton "
			+ "Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina "
			+ "Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernández Müller Schröder Lefèvre "
			+ "Dubois Moreau Rossi Ferrari Esposito Kowalski Nowak Jensen Nielsen Johansson Andersson Silva Santos "
			+ "Oliveira Costa Ivanov Petrov Shevchenko Wang Zhang Chen Liu Tanaka Suzuki Sato Sharma Singh Gupta "
			+ "Khan Ali Hassan Okafor Mensah O'Brien Byrne Walsh Doyle Kennedy Lynch Novak Horvath Kovacs Szabo "
			+ "Popescu Dimitrov Yilmaz Kaya Demir Öztürk Şahin Peña Nuñez Ibáñez Gómez Díaz").split(" "));

	static final List<String> DOMAINS = List.of("gmail.com", "outlook.com", "yahoo.com", "icloud.com",
			"proton.me", "gmx.de", "example.com", "acme.io", "northwind.co", "hotmail.com");

	static final List<String> AREA_CODES = List.of("201", "212", "305", "312", "415", "512", "617", "702", "718",
			"808", "206", "303", "404", "503", "602", "713", "214", "615", "919", "971");

	private SampleNames() {
	}
}
