/** A small vocabulary of diagnoses (ICD-10 chapter names in plain words) and common prescription medicines. */
export const DIAGNOSES = [
  'type 1 diabetes', 'type 2 diabetes', 'diabetes mellitus', 'diabetes', 'hypertension', 'asthma', 'copd',
  'chronic obstructive pulmonary disease', 'major depressive disorder', 'depression', 'generalized anxiety disorder',
  'anxiety disorder', 'bipolar disorder', 'schizophrenia', 'ptsd', 'post-traumatic stress disorder', 'adhd', 'autism',
  'epilepsy', 'multiple sclerosis', "parkinson's disease", "alzheimer's disease", 'dementia', 'migraine', 'hiv',
  'hepatitis b', 'hepatitis c', 'tuberculosis', 'breast cancer', 'lung cancer', 'prostate cancer',
  'colorectal cancer', 'leukemia', 'lymphoma', 'melanoma', 'cancer', 'chemotherapy', 'heart failure',
  'atrial fibrillation', 'coronary artery disease', 'myocardial infarction', 'had a stroke', 'suffered a stroke', 'chronic kidney disease',
  'kidney failure', 'cirrhosis', "crohn's disease", 'ulcerative colitis', 'celiac disease', 'rheumatoid arthritis',
  'osteoarthritis', 'lupus', 'psoriasis', 'hypothyroidism', 'hyperthyroidism', 'anorexia nervosa', 'bulimia',
  'alcohol use disorder', 'opioid use disorder', 'obesity', 'sleep apnea', 'endometriosis', 'infertility',
  'pregnancy', 'miscarriage', 'covid-19', 'long covid', 'sickle cell disease', 'cystic fibrosis', 'glaucoma',
] as const;

export const MEDICATIONS = [
  'metformin', 'insulin', 'insulin glargine', 'ozempic', 'semaglutide', 'lisinopril', 'amlodipine', 'losartan',
  'atorvastatin', 'simvastatin', 'rosuvastatin', 'metoprolol', 'warfarin', 'apixaban', 'clopidogrel', 'levothyroxine',
  'sertraline', 'fluoxetine', 'citalopram', 'escitalopram', 'venlafaxine', 'bupropion', 'lithium carbonate', 'quetiapine',
  'olanzapine', 'risperidone', 'aripiprazole', 'lamotrigine', 'levetiracetam', 'methylphenidate', 'adderall',
  'diazepam', 'lorazepam', 'alprazolam', 'zolpidem', 'gabapentin', 'pregabalin', 'oxycodone', 'morphine',
  'methadone', 'buprenorphine', 'tramadol', 'prednisone', 'prednisolone', 'methotrexate', 'adalimumab', 'humira',
  'infliximab', 'tamoxifen', 'letrozole', 'albuterol', 'salbutamol', 'montelukast', 'omeprazole', 'truvada',
  'biktarvy', 'tenofovir', 'sofosbuvir', 'isotretinoin', 'finasteride', 'sildenafil',
] as const;

/** Words that put a health term in a person's context: someone has it, takes it, or is treated for it. */
export const PERSONAL_HEALTH_CUES = [
  'patient', 'patients', 'diagnosed', 'diagnosis', 'prescribed', 'prescription', 'taking', 'takes', 'taken', 'mg',
  'dose', 'dosage', 'treated', 'treatment', 'suffers', 'suffering', 'history of', 'medical record', 'medical history',
  'admitted', 'discharged', 'symptoms', 'i have', 'he has', 'she has', 'they have', 'my', 'his', 'her', 'living with',
  'on sick leave', 'sick note', 'clinic', 'gp', 'doctor', 'dr', 'nurse', 'hospital', 'referral', 'mrn', 'dob',
  'member', 'employee', 'claimant', 'client',
] as const;
