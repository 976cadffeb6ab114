/** A reason to stop before changing anything in the app; the CLI prints the message and exits 2. */
export class Refusal extends Error {
	name = "Refusal";
}
