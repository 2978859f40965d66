/**
 * The public screening corpora the screening benchmark uses: ASReview's systematic-review-datasets
 * (github.com/asreview/systematic-review-datasets), each with titles, abstracts and the authors'
 * decisions. Each entry also holds the --topic and the criteria a reviewer would write from the
 * review's question (written from the review's title and stated eligibility, not tuned to the data).
 */
export interface ScreeningDataset {
  name: string;
  /** Path of the CSV inside the mirror. */
  path: string;
  /** The column holding the decision: title/abstract screening when the set has it, else final inclusion. */
  labelColumn: 'label_abstract_screening' | 'label_included';
  topic: string;
  /** The inclusion criterion's subject terms (one criterion: "the study is about TOPIC"). */
  subject: string[];
  /** Used while the ranker was developed; the others were only measured. */
  development?: boolean;
}

const cohen = (name: string, topic: string, subject: string[], where: 'local' | 'online' = 'local', development = false): ScreeningDataset => ({
  name: `Cohen_2006_${name}`,
  path: `datasets/Cohen_2006/output/${where}/${name}.csv`,
  labelColumn: 'label_abstract_screening',
  topic,
  subject,
  ...(development ? { development } : {}),
});

export const DATASETS: ScreeningDataset[] = [
  cohen('ACEInhibitors', 'ACE inhibitors for hypertension and heart failure', ['ace inhibitor', 'angiotensin-converting enzyme', 'captopril', 'enalapril', 'lisinopril', 'ramipril'], 'online'),
  cohen('ADHD', 'drug treatment of attention deficit hyperactivity disorder', ['adhd', 'attention deficit', 'hyperactivity', 'methylphenidate', 'atomoxetine'], 'local', true),
  cohen('Antihistamines', 'antihistamines for allergic rhinitis and urticaria', ['antihistamine', 'histamine', 'cetirizine', 'loratadine', 'fexofenadine'], 'local', true),
  cohen('AtypicalAntipsychotics', 'atypical antipsychotics for schizophrenia', ['antipsychotic', 'olanzapine', 'risperidone', 'quetiapine', 'clozapine'], 'local'),
  cohen('BetaBlockers', 'beta blockers for hypertension and heart failure', ['beta blocker', 'beta-blocker', 'adrenergic', 'metoprolol', 'atenolol', 'carvedilol', 'propranolol'], 'local'),
  cohen('CalciumChannelBlockers', 'calcium channel blockers for hypertension', ['calcium channel', 'calcium antagonist', 'amlodipine', 'nifedipine', 'diltiazem', 'verapamil'], 'local'),
  cohen('Estrogens', 'estrogen hormone replacement therapy in menopause', ['estrogen', 'oestrogen', 'estradiol', 'hormone replacement', 'menopause'], 'local'),
  cohen('NSAIDS', 'nonsteroidal anti-inflammatory drugs for arthritis pain', ['nsaid', 'anti-inflammatory', 'cox-2', 'celecoxib', 'ibuprofen', 'naproxen'], 'local'),
  cohen('Opiods', 'long-acting opioids for chronic pain', ['opioid', 'morphine', 'oxycodone', 'fentanyl', 'methadone'], 'local'),
  cohen('OralHypoglycemics', 'oral hypoglycemic drugs for type 2 diabetes', ['hypoglycemic', 'diabetes', 'metformin', 'sulfonylurea', 'glipizide', 'pioglitazone'], 'local'),
  cohen('ProtonPumpInhibitors', 'proton pump inhibitors for gastroesophageal reflux and ulcers', ['proton pump', 'omeprazole', 'lansoprazole', 'pantoprazole', 'esomeprazole'], 'local'),
  cohen('SkeletalMuscleRelaxants', 'skeletal muscle relaxants for spasticity and musculoskeletal conditions', ['muscle relaxant', 'spasticity', 'baclofen', 'tizanidine', 'cyclobenzaprine'], 'local'),
  cohen('Triptans', 'triptans for migraine', ['triptan', 'migraine', 'sumatriptan', 'rizatriptan', 'zolmitriptan'], 'local', true),
  cohen('UrinaryIncontinence', 'drugs for overactive bladder and urinary incontinence', ['incontinence', 'overactive bladder', 'oxybutynin', 'tolterodine'], 'local'),
  {
    name: 'Bannach-Brown_2019',
    path: 'datasets/Bannach-Brown_2019/output/Bannach-Brown_2019.csv',
    labelColumn: 'label_included',
    topic: 'animal models of depression',
    subject: ['depression', 'depressive', 'animal model', 'rodent', 'rat', 'mice'],
  },
  {
    name: 'Kitchenham_2010',
    path: 'datasets/Hall_Wahono_Radjenovic_Kitchenham/output/Kitchenham_2010.csv',
    labelColumn: 'label_included',
    topic: 'systematic literature reviews in software engineering',
    subject: ['systematic review', 'systematic literature review', 'mapping study', 'literature survey'],
  },
  {
    name: 'Nagtegaal_2019',
    path: 'datasets/Nagtegaal_2019/output/Nagtegaal_2019.csv',
    labelColumn: 'label_abstract_screening',
    topic: 'nudging healthcare professionals towards evidence-based medicine',
    subject: ['nudge', 'nudging', 'default', 'reminder', 'feedback', 'choice architecture'],
  },
];

/** Where fetch-screening-data.ts leaves the corpora, and where the benchmark reads them. */
export const DATA_DIR = 'data/screening';
export const DEFAULT_MIRROR = '/work/.mirror/asreview+systematic-review-datasets/repo';
