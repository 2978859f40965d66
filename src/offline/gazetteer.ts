/**
 * A general gazetteer of common model families, benchmarks/datasets and tasks in machine learning
 * and NLP abstracts. It is deliberately generic (not tuned to any corpus) and favours precision.
 */

/** Model families; a match may carry a version and size suffix (`Llama-3.1-8B-Instruct`). */
export const MODEL_FAMILIES = [
  'GPT', 'ChatGPT', 'InstructGPT', 'LLaMA', 'Llama', 'LLaMa', 'Code Llama', 'CodeLlama', 'TinyLlama', 'Vicuna', 'Alpaca',
  'Mistral', 'Mixtral', 'Qwen', 'QwQ', 'DeepSeek', 'Gemma', 'Gemini', 'Claude', 'PaLM', 'Phi', 'OPT', 'BLOOM', 'Falcon',
  'Pythia', 'MPT', 'StarCoder', 'InternLM', 'Baichuan', 'ChatGLM', 'OLMo', 'MiniCPM', 'SmolLM', 'Grok', 'Hunyuan',
  'Kimi', 'Jamba', 'Zamba', 'Mamba', 'RWKV', 'RetNet', 'Hyena', 'T5', 'Flan-T5', 'mT5', 'BART', 'BERT', 'RoBERTa',
  'DeBERTa', 'ALBERT', 'DistilBERT', 'ELECTRA', 'XLNet', 'Longformer', 'BigBird', 'Reformer', 'Performer', 'Linformer',
  'Transformer-XL', 'ViT', 'DeiT', 'Swin', 'CLIP', 'BLIP', 'LLaVA', 'SigLIP', 'DINOv2', 'SAM', 'Stable Diffusion',
  'SDXL', 'FLUX', 'Sora', 'ResNet', 'VGG', 'EfficientNet', 'MobileNet', 'U-Net', 'YOLO', 'Whisper', 'wav2vec',
  'iTransformer', 'PatchTST', 'Informer', 'Autoformer', 'FEDformer', 'TimesNet', 'DLinear', 'AlphaFold',
];

/** Benchmarks and datasets, matched as whole tokens with their exact spelling. */
export const DATASETS = [
  'MMLU', 'MMLU-Pro', 'GSM8K', 'GSM-8K', 'MATH', 'MATH-500', 'AIME', 'AMC', 'HumanEval', 'HumanEval+', 'MBPP',
  'LiveCodeBench', 'SWE-bench', 'CodeContests', 'APPS', 'DS-1000', 'LongBench', 'InfiniteBench', 'RULER',
  'Needle-in-a-Haystack', 'NIAH', 'L-Eval', 'ZeroSCROLLS', 'SCROLLS', 'BABILong', 'ImageNet', 'ImageNet-1K',
  'CIFAR-10', 'CIFAR-100', 'MNIST', 'Fashion-MNIST', 'COCO', 'MS-COCO', 'ADE20K', 'Cityscapes', 'SQuAD', 'GLUE',
  'SuperGLUE', 'WikiText', 'WikiText-2', 'WikiText-103', 'PTB', 'C4', 'The Pile', 'RedPajama', 'SlimPajama', 'FineWeb',
  'HellaSwag', 'ARC-Challenge', 'ARC-Easy', 'PIQA', 'WinoGrande', 'BoolQ', 'OpenBookQA', 'TruthfulQA', 'BBH',
  'BIG-Bench', 'GPQA', 'MT-Bench', 'AlpacaEval', 'Arena-Hard', 'ShareGPT', 'Natural Questions', 'TriviaQA', 'HotpotQA',
  'MuSiQue', '2WikiMultihopQA', 'NarrativeQA', 'Qasper', 'GovReport', 'QMSum', 'MultiNews', 'LibriSpeech',
  'Common Voice', 'ETTh1', 'ETTh2', 'ETTm1', 'ETTm2', 'M4', 'UCR', 'Kinetics', 'UCF101', 'VBench', 'GenEval', 'Spider',
  'WMT', 'IWSLT', 'XSum', 'CNN/DailyMail', 'MS MARCO', 'BEIR', 'CommonsenseQA', 'StrategyQA', 'SVAMP', 'ASDiv', 'MAWPS',
  'OlympiadBench', 'Omni-MATH', 'MedQA', 'PubMedQA', 'MedMCQA', 'VQAv2', 'GQA', 'TextVQA', 'MMMU', 'MathVista',
  'ChartQA', 'DocVQA', 'POPE', 'ScienceQA', 'Flickr30k', 'nuScenes', 'KITTI', 'D4RL', 'Atari', 'MuJoCo', 'Procgen',
];

/** Tasks, matched case-insensitively as phrases (singular or plural). */
export const TASKS = [
  'question answering', 'open-domain question answering', 'multi-hop question answering', 'summarization',
  'machine translation', 'code generation', 'code completion', 'program synthesis', 'text generation',
  'text classification', 'sentiment analysis', 'named entity recognition', 'information retrieval',
  'retrieval-augmented generation', 'language modeling', 'image classification', 'object detection',
  'semantic segmentation', 'instance segmentation', 'image generation', 'text-to-image generation', 'video generation',
  'image editing', 'image captioning', 'visual question answering', 'speech recognition', 'time series forecasting',
  'anomaly detection', 'recommendation', 'mathematical reasoning', 'math reasoning', 'commonsense reasoning',
  'logical reasoning', 'multi-step reasoning', 'arithmetic reasoning', 'theorem proving', 'planning',
  'in-context learning', 'instruction following', 'tool use', 'dialogue', 'few-shot learning', 'zero-shot learning',
  'continual learning', 'matrix multiplication', 'node classification', 'graph classification', 'link prediction',
  'protein structure prediction', 'molecular generation', 'path-finding', 'text-to-SQL', 'document understanding',
  'pose estimation', 'depth estimation', 'super-resolution', 'image restoration', 'video understanding',
  'autonomous driving', 'robotic manipulation', 'long-context inference', 'long-context modeling', 'reranking',
  'clustering', 'forecasting',
];
