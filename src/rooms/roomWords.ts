import { formatEnglishCount } from '../core/counts';

/** A unit of a relative time: "2 h ago", "in 3 d". */
export type TimeUnit = 'min' | 'h' | 'd' | 'mo' | 'y';

/**
 * The Rooms view's phrases, each taking a number already formatted: vscode.l10n.t in the
 * extension (roomPhrases.ts), plain tables in unit tests, so this file needs no VS Code.
 */
export interface RoomPhrases {
  rooms(count: string, one: boolean): string;
  members(count: string, one: boolean): string;
  ago(amount: string, unit: TimeUnit): string;
  inFuture(amount: string, unit: TimeUnit): string;
  justNow(): string;
  inAMoment(): string;
  startUnknown(): string;
}

/** Numbers and plurals in the user's language (vscode.env.language); the Intl objects are made at first use. */
export class RoomWords {
  private numbers: Intl.NumberFormat | undefined;
  private plurals: Intl.PluralRules | undefined;
  /** English is said without Intl: its first use loads ICU's data, on the way to the Rooms view's first rows. */
  private readonly english: boolean;

  constructor(
    readonly phrases: RoomPhrases,
    private readonly locale: string,
  ) {
    this.english = /^en(-|$)/i.test(locale);
  }

  number(value: number): string {
    if (this.english) {
      return formatEnglishCount(value);
    }
    this.numbers ??= new Intl.NumberFormat(safeLocale(this.locale));
    return this.numbers.format(value);
  }

  /** Whether the language says `value` with its singular form ("1 room"; French also "0 salle"). */
  isOne(value: number): boolean {
    if (this.english) {
      return value === 1;
    }
    this.plurals ??= new Intl.PluralRules(safeLocale(this.locale));
    return this.plurals.select(value) === 'one';
  }

  rooms(count: number): string {
    return this.phrases.rooms(this.number(count), this.isOne(count));
  }

  members(count: number): string {
    return this.phrases.members(this.number(count), this.isOne(count));
  }
}

/** A language tag Intl does not know (a hand-edited locale) falls back to the runtime's default, not an exception. */
function safeLocale(locale: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}
