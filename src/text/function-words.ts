/**
 * English function words: they carry no topic. The offline engine never builds a key phrase or a
 * term from them, and retrieval drops them from the index and from queries. One list for both.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a about above across after again against all almost along already also although always am among an and another any
  are around as at be became because become becomes been before being below between beyond both but by can cannot could
  did do does doing done down due during each either else enough especially even ever every few for from further had has
  have having he her here hers herself him himself his how however i if in into is it its itself just least less like
  many may me might more most much must my myself neither no nor not now of off often on once one only onto or other
  others otherwise our ours ourselves out over own per rather same several shall she should since so some still such
  than that the their theirs them themselves then there thereby therefore these they this those though through thus to
  too toward towards under until up upon us very via was we well were what whatever when where whereas whether which
  while who whom whose why will with within without would yet you your yours itself whereby wherein hence thereof
  i.e e.g etc et al vs cf`.split(/\s+/),
);

